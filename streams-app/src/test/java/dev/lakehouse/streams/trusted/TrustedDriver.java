package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.streams.app.StreamsProperties;
import dev.lakehouse.streams.codec.RowCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The trusted topology under TopologyTestDriver, with its outputs collected and read back as rows.
 */
final class TrustedDriver implements TrustedRun {
  private final TopologyTestDriver driver;
  private final Map<Dataset, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
  private final Map<String, List<Map<String, Object>>> emitted = new HashMap<>();
  private final List<TestRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

  TrustedDriver() {
    this(dev.lakehouse.common.settings.TrustedSettings.DEFAULT_FAN_OUT_PER_EMISSION);
  }

  /** With a bound of its own on the orders a changed dimension rebuilds per emission. */
  TrustedDriver(int fanOutPerEmission) {
    this(fanOutPerEmission, java.time.Duration.ZERO, OrderArchive.NONE);
  }

  /** With a state retention, and the lake where dropped orders are found again. */
  TrustedDriver(int fanOutPerEmission, java.time.Duration stateRetention, OrderArchive archive) {
    // the app's own configuration, with an id of its own: the state directory is
    // <tmp>/kafka-streams/<id>, and a
    // fixed id collides with any other driver or build on the machine that holds the same RocksDB
    // lock
    Properties props =
        StreamsProperties.of(
            "unused:9092",
            StreamsSettings.defaults(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams"))
                .withApplicationId("trusted-topology-test-" + UUID.randomUUID()));
    driver =
        new TopologyTestDriver(
            TrustedTopology.addTo(
                new Topology(),
                TrustedInputs.KEY,
                fanOutPerEmission,
                stateRetention,
                archive,
                TrustedQualityMetrics.unregistered()),
            props);
    for (Dataset dataset : Dataset.values()) {
      inputs.put(
          dataset,
          driver.createInputTopic(
              Topics.rawRows(dataset.contract()),
              new ByteArraySerializer(),
              new ByteArraySerializer()));
    }
    for (String topic : Topics.trustedRows()) {
      outputs.put(
          topic,
          driver.createOutputTopic(
              topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
      emitted.put(topic, new ArrayList<>());
    }
    outputs.put(
        Topics.DLQ_TRUSTED,
        driver.createOutputTopic(
            Topics.DLQ_TRUSTED, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
  }

  static RowCodec codec(String topic) {
    return switch (topic) {
      case Topics.TRUSTED_ORDER_ROWS -> new RowCodec(TrustedTables.order());
      case Topics.TRUSTED_ITEM_ROWS -> new RowCodec(TrustedTables.orderItem());
      case Topics.TRUSTED_GARNISH_ROWS -> new RowCodec(TrustedTables.orderItemGarnish());
      case Topics.TRUSTED_STATUS_ROWS -> new RowCodec(TrustedTables.orderStatus());
      case Topics.TRUSTED_QUALITY -> new RowCodec(TrustedTables.dataQuality());
      default -> throw new IllegalArgumentException(topic);
    };
  }

  /**
   * One of the processor's stores, to look at or to plant a state written by an earlier version.
   */
  org.apache.kafka.streams.state.KeyValueStore<String, byte[]> store(String name) {
    return driver.getKeyValueStore(name);
  }

  @Override
  public void pipe(Dataset dataset, String key, byte[] value) {
    inputs.get(dataset).pipeInput(key.getBytes(StandardCharsets.UTF_8), value);
  }

  /**
   * Lets the wall clock pass emission intervals until nothing is pending and every dimension sweep
   * is done: the orders changed since the last emission get their versions.
   */
  void emitPending() {
    for (int guard = 0; ; guard++) {
      driver.advanceWallClockTime(TrustedOrderProcessor.EMIT_INTERVAL);
      if (isEmpty(StreamsTrustedStore.PENDING_STORE) && isEmpty(StreamsTrustedStore.SWEEP_STORE)) {
        return;
      }
      if (guard > 100_000) {
        throw new AssertionError("the trusted stage does not drain");
      }
    }
  }

  /** Lets the wall clock pass {@code time}: one emission for all of it, as after a pause. */
  void advance(java.time.Duration time) {
    driver.advanceWallClockTime(time);
  }

  /** Lets the wall clock pass one emission interval; returns the versions it emitted on a topic. */
  List<Map<String, Object>> emitOnce(String topic) {
    driver.advanceWallClockTime(TrustedOrderProcessor.EMIT_INTERVAL);
    RowCodec codec = codec(topic);
    List<Map<String, Object>> fresh = new ArrayList<>();
    for (TestRecord<byte[], byte[]> record : outputs.get(topic).readRecordsToList()) {
      fresh.add(codec.decodeToMap(record.value()));
    }
    emitted.get(topic).addAll(fresh);
    return fresh;
  }

  private boolean isEmpty(String store) {
    try (org.apache.kafka.streams.state.KeyValueIterator<String, Object> it =
        driver.<String, Object>getKeyValueStore(store).all()) {
      return !it.hasNext();
    }
  }

  /** Every version emitted so far on a rows topic (after emitting what is pending), decoded. */
  @Override
  public List<Map<String, Object>> versions(String topic) {
    emitPending();
    RowCodec codec = codec(topic);
    for (TestRecord<byte[], byte[]> record : outputs.get(topic).readRecordsToList()) {
      emitted.get(topic).add(codec.decodeToMap(record.value()));
    }
    return emitted.get(topic);
  }

  /**
   * Lets the wall clock pass one measurement interval and returns the task's latest data-quality
   * row, or null.
   */
  @Override
  public Map<String, Object> measureQuality() {
    emitPending();
    driver.advanceWallClockTime(TrustedOrderProcessor.QUALITY_INTERVAL);
    List<Map<String, Object>> rows = versions(Topics.TRUSTED_QUALITY);
    return rows.isEmpty() ? null : rows.get(rows.size() - 1);
  }

  List<TestRecord<byte[], byte[]>> deadLetters() {
    emitPending();
    deadLetters.addAll(outputs.get(Topics.DLQ_TRUSTED).readRecordsToList());
    return deadLetters;
  }

  @Override
  public void close() {
    driver.close();
  }
}
