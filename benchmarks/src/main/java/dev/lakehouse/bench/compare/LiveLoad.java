package dev.lakehouse.bench.compare;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.LiveKafkaSink;
import dev.lakehouse.ingest.generate.live.LiveOptions;
import dev.lakehouse.ingest.generate.live.LiveOrderStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The live load of a run: the live generator's orders (with their statuses, consumers and
 * restaurants) at a fixed rate, produced to the source topics while the runner is running.
 */
record LiveLoad(String bootstrapServers, double ordersPerSecond, int seconds) {

  boolean enabled() {
    return seconds > 0;
  }

  /** Produces the load; returns the records produced. Blocks for about {@link #seconds}. */
  long produce() throws Exception {
    LiveOptions options =
        new LiveOptions(
            7, ordersPerSecond, Math.round(ordersPerSecond * seconds), Duration.ofSeconds(10));
    try (LiveKafkaSink sink =
        new LiveKafkaSink(bootstrapServers, 7, UUID.randomUUID().toString())) {
      Map<Dataset, Long> emitted = new LiveOrderStream(options, Clock.systemUTC()).run(sink);
      return emitted.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
