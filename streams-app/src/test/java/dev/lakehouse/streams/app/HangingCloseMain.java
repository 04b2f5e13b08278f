package dev.lakehouse.streams.app;

import dev.lakehouse.streams.observe.Health;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A process whose app has failed and whose close never returns, run by {@link AppProcess} exactly
 * as {@code lakehouse streams} runs the real app: only the halt backstop can end it. Started by
 * {@link AppProcessHaltIT}.
 */
public final class HangingCloseMain {
  private HangingCloseMain() {}

  public static void main(String[] args) throws Exception {
    AppProcess.RunningApp hanging =
        new AppProcess.RunningApp() {
          @Override
          public String fatalError() {
            return "the Iceberg writer failed (injected by HangingCloseMain)";
          }

          @Override
          public Health.Check liveness() {
            return new Health.Check(false, "writer failed");
          }

          @Override
          public void close(
              boolean commitOpenBatch, Duration writerTimeout, Duration topologyTimeout)
              throws InterruptedException {
            System.out.println("close hangs");
            new CountDownLatch(1).await();
          }
        };
    // a shutdown hook that never ends either, as a stuck client's might
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "stuck-hook"));
    System.exit(AppProcess.run(hanging, System.err));
  }
}
