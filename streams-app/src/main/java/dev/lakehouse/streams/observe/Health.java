package dev.lakehouse.streams.observe;

/** What the liveness and readiness endpoints report. */
public interface Health {
  /** Up, or why not; a failed liveness check makes Kubernetes restart the pod. */
  Check live();

  /**
   * Ready to do its work, or why not; a pod that is not ready gets no traffic and blocks a rollout.
   */
  Check ready();

  record Check(boolean ok, String detail) {
    public static Check ok(String detail) {
      return new Check(true, detail);
    }

    public static Check failing(String detail) {
      return new Check(false, detail);
    }
  }
}
