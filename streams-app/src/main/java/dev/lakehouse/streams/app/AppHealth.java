package dev.lakehouse.streams.app;

import dev.lakehouse.streams.observe.FailureText;
import dev.lakehouse.streams.observe.Health;
import dev.lakehouse.streams.writer.IcebergTableWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Live while the topology has not failed (see {@link ExitPolicy#topologyDead}) and the writer loop
 * keeps turning; ready once, in addition, the topology is running and the writer has positioned its
 * partitions from the tables.
 */
final class AppHealth implements Health {
  private final KafkaStreams streams;
  private final AtomicReference<Throwable> topologyError;
  private final IcebergTableWriter writer;
  private final Thread writerThread;
  private final long stallMillis;

  AppHealth(
      KafkaStreams streams,
      AtomicReference<Throwable> topologyError,
      IcebergTableWriter writer,
      Thread writerThread,
      Duration commitInterval) {
    this.streams = streams;
    this.topologyError = topologyError;
    this.writer = writer;
    this.writerThread = writerThread;
    // a commit to a slow object store can take a while: only a loop silent for much longer is stuck
    this.stallMillis = Math.max(Duration.ofMinutes(2).toMillis(), 10 * commitInterval.toMillis());
  }

  @Override
  public Check live() {
    if (writer.failure() != null) {
      return Check.failing("the Iceberg writer failed: " + oneLine(writer.failure()));
    }
    if (!writerThread.isAlive()) {
      return Check.failing("the Iceberg writer stopped");
    }
    long silent = System.currentTimeMillis() - writer.heartbeatMillis();
    if (silent > stallMillis) {
      return Check.failing("the Iceberg writer loop has not turned for " + silent / 1000 + " s");
    }
    KafkaStreams.State state = streams.state();
    if (topologyError.get() != null || ExitPolicy.topologyDead(state)) {
      return Check.failing(
          "the Kafka Streams topology is in state "
              + state
              + (topologyError.get() != null ? " after " + oneLine(topologyError.get()) : ""));
    }
    return Check.ok("topology " + state + ", writer turning");
  }

  @Override
  public Check ready() {
    Check live = live();
    if (!live.ok()) {
      return live;
    }
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return Check.failing("the Kafka Streams topology is " + streams.state());
    }
    if (!writer.assigned()) {
      return Check.failing("the Iceberg writer has no partitions yet");
    }
    return Check.ok("topology RUNNING, writer assigned");
  }

  /** The probe's answer is one line. */
  private static String oneLine(Throwable error) {
    return FailureText.of(error);
  }
}
