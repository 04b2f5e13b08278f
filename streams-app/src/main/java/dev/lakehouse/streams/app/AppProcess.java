package dev.lakehouse.streams.app;

import dev.lakehouse.streams.observe.Health;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a started app as the process's whole life: until SIGTERM (or Ctrl-C), or until the app
 * fails, as {@link ExitPolicy} decides. On a failure {@code /health/live} already answers 503 (it
 * reads the same state); the app is closed within {@link ExitPolicy#FAILED_CLOSE} per half and the
 * process exits 1, and a backstop halts the JVM {@link ExitPolicy#FAILED_HALT} after the failure
 * should anything hang.
 *
 * <p>The shutdown hook that SIGTERM runs only signals the main thread and waits for it to say the
 * app is closed. It never joins the main thread: that thread ends in {@code System.exit}, which
 * blocks while the hooks run, so a hook waiting for the thread would wait out its whole timeout.
 */
public final class AppProcess {
  private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);

  private AppProcess() {}

  /** What a running app shows its process: {@link StreamsApp}. */
  public interface RunningApp {
    /** Why the app cannot go on, or null while it can. */
    String fatalError();

    /** What {@code /health/live} answers now. */
    Health.Check liveness();

    /** Closes the app, each half within its timeout. */
    void close(boolean commitOpenBatch, Duration writerTimeout, Duration topologyTimeout)
        throws Exception;
  }

  /** Returns the exit code; the caller passes it to {@code System.exit}. */
  public static int run(RunningApp app, PrintStream err) throws InterruptedException {
    CountDownLatch terminated = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  terminated.countDown();
                  try {
                    if (!closed.await(
                        2 * ExitPolicy.TERMINATE_CLOSE.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                      LOG.warn("the app did not close in time; the JVM stops anyway");
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "streams-shutdown"));
    String failure = null;
    while (terminated.getCount() > 0 && (failure = app.fatalError()) == null) {
      terminated.await(ExitPolicy.POLL.toMillis(), TimeUnit.MILLISECONDS);
    }
    boolean signalled = failure == null;
    try {
      if (failure != null) {
        haltAfter(ExitPolicy.FAILED_HALT, ExitPolicy.FAILED);
        Health.Check live = app.liveness();
        LOG.error(
            "{}: /health/live answers {} ({}); the process exits with {}",
            failure,
            live.ok() ? 200 : 503,
            live.detail(),
            ExitPolicy.FAILED);
        err.println("lakehouse streams: " + failure);
        app.close(false, ExitPolicy.FAILED_CLOSE, ExitPolicy.FAILED_CLOSE);
      } else {
        // the JVM is shutting down: leave the open batch to the next owner, who reads it again from
        // the tables
        LOG.info("stopping on a signal");
        app.close(false, ExitPolicy.TERMINATE_CLOSE, ExitPolicy.TERMINATE_CLOSE);
      }
    } catch (Exception e) {
      LOG.warn("error while closing the app", e);
    } finally {
      closed.countDown();
    }
    return ExitPolicy.exitCode(failure, signalled);
  }

  /** The backstop: a hung close or shutdown hook cannot keep a failed process up. */
  private static void haltAfter(Duration delay, int code) {
    Thread backstop =
        new Thread(
            () -> {
              try {
                Thread.sleep(delay.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println(
                  "lakehouse streams: still up "
                      + delay.toMillis()
                      + " ms after the failure; halting with "
                      + code);
              Runtime.getRuntime().halt(code);
            },
            "streams-halt-backstop");
    backstop.setDaemon(true);
    backstop.start();
  }
}
