package dev.lakehouse.streams.app;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.LiveKafkaSink;
import dev.lakehouse.ingest.generate.live.LiveOptions;
import dev.lakehouse.ingest.generate.live.LiveOrderStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live orders published to the source topics on a thread of their own until {@link #stop()}, under
 * a source URI the test chooses (its landing prefix, so the checks that select rows by prefix count
 * them too).
 *
 * <p>The crash tests run it from their first run to their last kill: however fast the machine is,
 * the app always has records to write when a kill comes, and commits keep coming for the kills that
 * wait for one. Every live record is a good one: the raw tables gain exactly {@link #stop()}'s
 * counts.
 */
public final class LiveLoad {
  private final LiveOrderStream stream;
  private final CompletableFuture<Map<Dataset, Long>> run;

  private LiveLoad(LiveOrderStream stream, CompletableFuture<Map<Dataset, Long>> run) {
    this.stream = stream;
    this.run = run;
  }

  /**
   * Starts {@code ordersPerSecond} live orders (each with its statuses, and dimensions) with
   * records under {@code uri}.
   */
  public static LiveLoad start(
      String bootstrapServers, long seed, double ordersPerSecond, String uri) {
    LiveOrderStream stream =
        new LiveOrderStream(
            new LiveOptions(seed, ordersPerSecond, 0, Duration.ofSeconds(5)), Clock.systemUTC());
    CompletableFuture<Map<Dataset, Long>> run =
        CompletableFuture.supplyAsync(
            () -> {
              try (LiveKafkaSink sink =
                  new LiveKafkaSink(bootstrapServers, seed, UUID.randomUUID().toString(), uri)) {
                return stream.run(sink);
              } catch (Exception e) {
                throw new IllegalStateException("the live load failed: " + e.getMessage(), e);
              }
            });
    return new LiveLoad(stream, run);
  }

  /** Whether it is still publishing (it stops only when told, or when it failed). */
  public boolean running() {
    return !run.isDone();
  }

  /**
   * Stops it and returns the records published per dataset, every one acknowledged by the broker
   * (the sink is closed).
   */
  public Map<Dataset, Long> stop() throws Exception {
    stream.stop();
    return run.get(1, TimeUnit.MINUTES);
  }
}
