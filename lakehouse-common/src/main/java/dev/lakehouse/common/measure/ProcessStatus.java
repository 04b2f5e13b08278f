package dev.lakehouse.common.measure;

/** Where a process run is: started, or ended in one of three ways. */
public enum ProcessStatus {
  STARTED,
  SUCCEEDED,
  FAILED,
  /** Ended with part of its work done (for example some files of a run, or some rewrite groups). */
  PARTIAL;

  public boolean ended() {
    return this != STARTED;
  }
}
