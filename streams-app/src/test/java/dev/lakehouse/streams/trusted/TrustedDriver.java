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
import java.util.TreeMap;
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
final class TrustedDriver implements AutoCloseable {
  private final TopologyTestDriver driver;
  private final Map<Dataset, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
  private final Map<String, List<Map<String, Object>>> emitted = new HashMap<>();
  private final List<TestRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

  TrustedDriver() {
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
        new TopologyTestDriver(TrustedTopology.addTo(new Topology(), TrustedInputs.KEY), props);
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

  void pipe(Dataset dataset, String key, byte[] value) {
    inputs.get(dataset).pipeInput(key.getBytes(StandardCharsets.UTF_8), value);
  }

  /**
   * Lets the wall clock pass one emission interval: the orders changed since the last one get their
   * versions.
   */
  void emitPending() {
    driver.advanceWallClockTime(TrustedOrderProcessor.EMIT_INTERVAL);
  }

  /** Every version emitted so far on a rows topic (after emitting what is pending), decoded. */
  List<Map<String, Object>> versions(String topic) {
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
  Map<String, Object> measureQuality() {
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

  /**
   * The read path: per order_id, the rows of its highest version, without the version columns.
   * Sorted by order id, rows in emission order.
   */
  Map<String, List<Map<String, Object>>> current(String topic) {
    Map<String, Long> highest = new HashMap<>();
    for (Map<String, Object> row : versions(topic)) {
      highest.merge((String) row.get("order_id"), (Long) row.get(TrustedTables.VERSION), Math::max);
    }
    Map<String, List<Map<String, Object>>> current = new TreeMap<>();
    for (Map<String, Object> row : versions(topic)) {
      String orderId = (String) row.get("order_id");
      if (row.get(TrustedTables.VERSION).equals(highest.get(orderId))) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
        copy.remove(TrustedTables.VERSION);
        copy.remove(TrustedTables.VERSIONED_AT);
        copy.remove(TrustedTables.CAUSED_AT);
        current.computeIfAbsent(orderId, id -> new ArrayList<>()).add(copy);
      }
    }
    return current;
  }

  @Override
  public void close() {
    driver.close();
  }
}
