package dev.lakehouse.streams.app;

import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.streams.deadletter.DeadLetteringProcessingHandler;
import dev.lakehouse.streams.deadletter.DeadLetteringProductionHandler;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of the app, from its settings: the one place that sets it, which
 * the topology tests' drivers use too.
 */
public final class StreamsProperties {
  /**
   * A crashed instance's partitions move after 10 s, not the default 45 s: the Streams group's and
   * the writer's.
   */
  static final int SESSION_TIMEOUT_MS = 10_000;

  private StreamsProperties() {}

  public static Properties of(String bootstrap, StreamsSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
        SESSION_TIMEOUT_MS / 3);
    // one Kafka transaction per second instead of the exactly-once default of ten: the Iceberg
    // writer commits
    // every few seconds anyway, and each transaction costs the broker markers on every partition it
    // touched
    props.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        streamsTransactionIntervalMillis(settings.commitInterval()));
    // the rows topics carry every record a second time: larger batches and lz4 cut the broker's and
    // the
    // network thread's work per record (the items JSON of an order compresses about fourfold)
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    // no task waits for data on one of its partitions to order records by timestamp across them: no
    // stage
    // depends on that order (the trusted stage gives the same rows in any arrival order), and the
    // check
    // formatted a log message for every idle partition on every pass of the Streams loop
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // the last line of defence: a record a processor throws on, or one too large to send, becomes a
    // dead letter
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProcessingHandler.class);
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetteringProductionHandler.class);
    return props;
  }

  /**
   * The topology's transaction interval: a fifth of the writer's commit interval, between 100 ms
   * and 1 s.
   */
  static long streamsTransactionIntervalMillis(Duration writerCommitInterval) {
    return Math.max(100, Math.min(1_000, writerCommitInterval.toMillis() / 5));
  }
}
