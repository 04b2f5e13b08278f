package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.TrustedSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The trusted stage, added to the raw topology's {@link Topology}. Two sub-topologies:
 *
 * <ol>
 *   <li>{@code broadcast-dimensions}: every consumer and restaurant row goes to every partition of
 *       {@value Topics#TRUSTED_DIMENSIONS}, so each order task holds all of them and can fill in an
 *       order whose consumer or restaurant arrives late;
 *   <li>{@code trusted-orders}: the rows of {@code raw.rows.order}, {@code raw.rows.order_status}
 *       and the broadcast dimensions, co-partitioned by order_id, into versions of the trusted
 *       rows.
 * </ol>
 *
 * Every node, store and topic has an explicit name.
 */
public final class TrustedTopology {
  static final String ORDER_SOURCE = "trusted-source-orders";
  static final String STATUS_SOURCE = "trusted-source-statuses";
  static final String DIMENSION_SOURCE = "trusted-source-dimensions";
  static final String PROCESSOR = "trusted-orders";

  private TrustedTopology() {}

  public static Topology addTo(Topology topology, byte[] pseudonymKey) {
    return addTo(
        topology,
        pseudonymKey,
        TrustedSettings.DEFAULT_FAN_OUT_PER_EMISSION,
        TrustedQualityMetrics.unregistered());
  }

  /**
   * @param fanOutPerEmission how many orders of changed consumers and restaurants a task rebuilds
   *     per emission at most ({@link TrustedSettings#FAN_OUT_PER_EMISSION})
   */
  public static Topology addTo(
      Topology topology,
      byte[] pseudonymKey,
      int fanOutPerEmission,
      TrustedQualityMetrics qualityMetrics) {
    return addTo(
        topology,
        pseudonymKey,
        fanOutPerEmission,
        Duration.ZERO,
        OrderArchive.NONE,
        qualityMetrics);
  }

  /**
   * @param stateRetention how long a task keeps an order after its last rebuild ({@link
   *     TrustedSettings#STATE_RETENTION}); zero keeps every order
   * @param archive where an order dropped after {@code stateRetention} is found again
   */
  public static Topology addTo(
      Topology topology,
      byte[] pseudonymKey,
      int fanOutPerEmission,
      Duration stateRetention,
      OrderArchive archive,
      TrustedQualityMetrics qualityMetrics) {
    topology.addSource(
        "trusted-source-consumers",
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        Topics.rawRows(Dataset.CONSUMER.contract()));
    topology.addSource(
        "trusted-source-restaurants",
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        Topics.rawRows(Dataset.RESTAURANT.contract()));
    topology.addProcessor(
        "broadcast-dimensions",
        () -> new Envelope(),
        "trusted-source-consumers",
        "trusted-source-restaurants");
    topology.addSink(
        "dimensions-to-every-partition",
        Topics.TRUSTED_DIMENSIONS,
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer(),
        new EveryPartition(),
        "broadcast-dimensions");

    topology.addSource(
        ORDER_SOURCE,
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        Topics.rawRows(Dataset.ORDER.contract()));
    topology.addSource(
        STATUS_SOURCE,
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        Topics.rawRows(Dataset.ORDER_STATUS.contract()));
    topology.addSource(
        DIMENSION_SOURCE,
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        Topics.TRUSTED_DIMENSIONS);
    topology.addProcessor(
        PROCESSOR,
        () ->
            new TrustedOrderProcessor(
                pseudonymKey, fanOutPerEmission, stateRetention, archive, qualityMetrics),
        ORDER_SOURCE,
        STATUS_SOURCE,
        DIMENSION_SOURCE);
    for (String store : StreamsTrustedStore.BYTE_STORES) {
      topology.addStateStore(store(store), PROCESSOR);
    }
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StreamsTrustedStore.PENDING_STORE),
                Serdes.String(),
                Serdes.Long())
            .withCachingEnabled(),
        PROCESSOR);
    sink(topology, TrustedOrderProcessor.ORDER_OUT, Topics.TRUSTED_ORDER_ROWS);
    sink(topology, TrustedOrderProcessor.ITEM_OUT, Topics.TRUSTED_ITEM_ROWS);
    sink(topology, TrustedOrderProcessor.GARNISH_OUT, Topics.TRUSTED_GARNISH_ROWS);
    sink(topology, TrustedOrderProcessor.STATUS_OUT, Topics.TRUSTED_STATUS_ROWS);
    sink(topology, TrustedOrderProcessor.DEAD_LETTER_OUT, Topics.DLQ_TRUSTED);
    sink(topology, TrustedOrderProcessor.QUALITY_OUT, Topics.TRUSTED_QUALITY);
    return topology;
  }

  private static void sink(Topology topology, String name, String topic) {
    topology.addSink(
        name, topic, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
  }

  private static StoreBuilder<KeyValueStore<String, byte[]>> store(String name) {
    // cached: the writes of one commit interval reach RocksDB and the changelog once per key (an
    // order's
    // state changes with its copy and every status, the counters with every record)
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
        .withCachingEnabled();
  }

  /**
   * Prefixes a dimension row with its dataset's ordinal, for the one topic that carries both kinds.
   */
  private static final class Envelope implements Processor<byte[], byte[], byte[], byte[]> {
    private ProcessorContext<byte[], byte[]> context;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      if (record.value() == null) {
        return;
      }
      String topic = context.recordMetadata().orElseThrow().topic();
      Dataset dataset =
          topic.equals(Topics.rawRows(Dataset.CONSUMER.contract()))
              ? Dataset.CONSUMER
              : Dataset.RESTAURANT;
      byte[] value = new byte[record.value().length + 1];
      value[0] = (byte) dataset.ordinal();
      System.arraycopy(record.value(), 0, value, 1, record.value().length);
      context.forward(record.withValue(value));
    }
  }

  /** Sends each record to every partition of its topic. */
  private static final class EveryPartition implements StreamPartitioner<byte[], byte[]> {
    @Override
    public Optional<Set<Integer>> partitions(
        String topic, byte[] key, byte[] value, int numPartitions) {
      return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
    }
  }
}
