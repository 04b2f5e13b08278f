package dev.lakehouse.streams.app;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.topology.RawTopics;
import dev.lakehouse.streams.topology.RawTopology;
import dev.lakehouse.streams.writer.RawIcebergWriter;
import dev.lakehouse.streams.writer.WriterMetrics;
import dev.lakehouse.streams.writer.WriterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The raw path of one application instance: the validation topology (Kafka Streams, exactly_once_v2)
 * and the Iceberg writer beside it, sharing the application id.
 */
public final class RawPipeline implements AutoCloseable {
  private final KafkaStreams streams;
  private final RawIcebergWriter writer;
  private final Thread writerThread;
  private final WriterMetrics metrics;

  private RawPipeline(KafkaStreams streams, RawIcebergWriter writer, Thread writerThread, WriterMetrics metrics) {
    this.streams = streams;
    this.writer = writer;
    this.writerThread = writerThread;
    this.metrics = metrics;
  }

  public static RawPipeline start(LakehouseSettings settings, String applicationId, WriterSettings writerSettings, Path stateDir)
      throws Exception {
    List<Dataset> datasets = List.of(Dataset.values());
    String bootstrap = settings.kafka().bootstrapServers();
    ensureTopics(bootstrap, datasets);
    Map<Dataset, Table> tables = new EnumMap<>(Dataset.class);
    List<Table> created = RawTableCatalog.ensure(LakehouseCatalogs.open(settings), datasets);
    for (int i = 0; i < datasets.size(); i++) {
      tables.put(datasets.get(i), created.get(i));
    }

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    KafkaStreams streams = new KafkaStreams(RawTopology.build(datasets), props);
    streams.start();

    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, applicationId + "-iceberg-writer",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    WriterMetrics metrics = new WriterMetrics();
    RawIcebergWriter writer = new RawIcebergWriter(consumer, tables, writerSettings,
        applicationId + "/" + UUID.randomUUID(), metrics);
    Thread thread = new Thread(writer, "raw-iceberg-writer");
    thread.start();
    return new RawPipeline(streams, writer, thread, metrics);
  }

  private static void ensureTopics(String bootstrap, List<Dataset> datasets) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Dataset dataset : datasets) {
        int partitions = existing.contains(dataset.topic())
            ? admin.describeTopics(List.of(dataset.topic())).allTopicNames().get().get(dataset.topic()).partitions().size()
            : 3;
        if (!existing.contains(dataset.topic())) {
          missing.add(new NewTopic(dataset.topic(), partitions, (short) -1));
        }
        if (!existing.contains(RawTopics.rows(dataset))) {
          missing.add(new NewTopic(RawTopics.rows(dataset), partitions, (short) -1));
        }
      }
      if (!existing.contains(RawTopics.DEAD_LETTERS)) {
        missing.add(new NewTopic(RawTopics.DEAD_LETTERS, 3, (short) -1));
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    }
  }

  public WriterMetrics metrics() {
    return metrics;
  }

  public KafkaStreams.State streamsState() {
    return streams.state();
  }

  @Override
  public void close() throws InterruptedException {
    writer.stop();
    writerThread.join(Duration.ofSeconds(60).toMillis());
    streams.close(Duration.ofSeconds(30));
  }
}
