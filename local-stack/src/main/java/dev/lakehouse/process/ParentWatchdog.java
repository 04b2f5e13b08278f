package dev.lakehouse.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every child JVM we start: it runs the real main class and exits as soon as the
 * parent's end of our stdin closes, which happens when the parent dies for any reason (even
 * SIGKILL). So no child outlives its parent.
 *
 * <p>Usage: {@code java -cp ... dev.lakehouse.process.ParentWatchdog <main-class> [args...]}
 */
public final class ParentWatchdog {
  static final int PARENT_GONE_EXIT_CODE = 143;

  private ParentWatchdog() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ParentWatchdog <main-class> [args...]");
      System.exit(2);
    }
    Thread watcher = new Thread(() -> watch(System.in), "parent-watchdog");
    watcher.setDaemon(true);
    watcher.start();
    Class<?> mainClass = Class.forName(args[0]);
    Method main = mainClass.getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void watch(InputStream parentPipe) {
    try {
      byte[] buffer = new byte[64];
      while (parentPipe.read(buffer) >= 0) {
        // the parent never writes; anything read is ignored
      }
    } catch (IOException ignored) {
      // a broken pipe means the same as end of stream
    }
    Thread halter =
        new Thread(
            () -> {
              sleepQuietly(5_000);
              Runtime.getRuntime().halt(PARENT_GONE_EXIT_CODE);
            },
            "parent-watchdog-halt");
    halter.setDaemon(true);
    halter.start();
    System.exit(PARENT_GONE_EXIT_CODE);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
