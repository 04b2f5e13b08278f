package dev.lakehouse.streams.app;

import java.util.concurrent.TimeUnit;

/**
 * POSIX signals to a process by id ({@code kill -STOP}, {@code -CONT}, {@code -KILL}), for the
 * fault tests.
 */
final class Signals {
  private Signals() {}

  static void send(long pid, String signal) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException(
          "kill -"
              + signal
              + " "
              + pid
              + " failed: "
              + new String(kill.getInputStream().readAllBytes()));
    }
  }
}
