package dev.lakehouse.streams.app;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.common.settings.TrustedSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.streams.deadletter.DeadLetterSink;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.deadletter.WriterLetters;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.iceberg.TopicIds;
import dev.lakehouse.streams.measure.ProcessLogSink;
import dev.lakehouse.streams.measure.ProcessLogTable;
import dev.lakehouse.streams.observe.FailureText;
import dev.lakehouse.streams.observe.Health;
import dev.lakehouse.streams.observe.HttpEndpoints;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTableSink;
import dev.lakehouse.streams.raw.RawTopology;
import dev.lakehouse.streams.trusted.IcebergOrderArchive;
import dev.lakehouse.streams.trusted.TrustedQualityMetrics;
import dev.lakehouse.streams.trusted.TrustedTableCatalog;
import dev.lakehouse.streams.trusted.TrustedTableSink;
import dev.lakehouse.streams.trusted.TrustedTables;
import dev.lakehouse.streams.trusted.TrustedTopology;
import dev.lakehouse.streams.writer.HadoopDefaultResources;
import dev.lakehouse.streams.writer.IcebergTableWriter;
import dev.lakehouse.streams.writer.TableSink;
import dev.lakehouse.streams.writer.WriterMetrics;
import dev.lakehouse.streams.writer.WriterPreflight;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the Streams app: the validation topology (Kafka Streams, exactly_once_v2), the
 * Iceberg writer beside it (raw tables and the dead-letter table), and the HTTP port with metrics
 * and health. Instances with the same application id share the partitions.
 */
public final class StreamsApp implements AutoCloseable, AppProcess.RunningApp {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  /** The process log's writer number: beyond any dataset's and trusted table's. */
  private static final int PROCESS_LOG_WRITER_NUMBER = 1_000;

  private final KafkaStreams streams;
  private final IcebergTableWriter writer;
  private final Thread writerThread;
  private final WriterMetrics metrics;
  private final PrometheusMeterRegistry registry;
  private final HttpEndpoints http;
  private final List<AutoCloseable> binders;
  private final AtomicReference<Throwable> topologyError;
  private final Health health;

  private StreamsApp(
      KafkaStreams streams,
      AtomicReference<Throwable> topologyError,
      IcebergTableWriter writer,
      Thread writerThread,
      WriterMetrics metrics,
      PrometheusMeterRegistry registry,
      HttpEndpoints http,
      Health health,
      List<AutoCloseable> binders) {
    this.streams = streams;
    this.health = health;
    this.topologyError = topologyError;
    this.writer = writer;
    this.writerThread = writerThread;
    this.metrics = metrics;
    this.registry = registry;
    this.http = http;
    this.binders = binders;
  }

  public static StreamsApp start(
      LakehouseSettings settings, StreamsSettings streamsSettings, TrustedSettings trusted)
      throws Exception {
    List<DatasetContract> datasets = settings.datasets().contracts().all();
    if (trusted.enabled()) {
      Dataset.requireBuiltInIn(settings.datasets().contracts());
    }
    String bootstrap = settings.kafka().bootstrapServers();
    String appId = streamsSettings.applicationId();
    PipelineTopics.ensure(bootstrap, datasets, trusted.enabled());
    HadoopDefaultResources.skip();

    Catalog catalog = LakehouseCatalogs.open(settings);
    List<Table> rawTables = RawTableCatalog.ensure(catalog, datasets);
    Table deadLetters = DeadLetterTable.ensure(catalog);
    Map<String, TableSink> sinkByTopic = new HashMap<>();
    long target = streamsSettings.targetFileSizeBytes();
    for (int i = 0; i < datasets.size(); i++) {
      sinkByTopic.put(
          Topics.rawRows(datasets.get(i)),
          new RawTableSink(datasets.get(i), rawTables.get(i), target, i));
    }
    DeadLetterSink deadLetterSink = new DeadLetterSink(deadLetters, target, datasets.size());
    Topics.deadLetters().forEach(topic -> sinkByTopic.put(topic, deadLetterSink));
    // writer numbers name the files: the trusted tables take datasets + 1 onwards
    sinkByTopic.put(
        Topics.PROCESS_EVENTS,
        new ProcessLogSink(ProcessLogTable.ensure(catalog), target, PROCESS_LOG_WRITER_NUMBER));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("app", appId);
    Topology topology = RawTopology.build(datasets);
    if (trusted.enabled()) {
      int writerNumber = datasets.size() + 1;
      for (Map.Entry<String, Table> entry : TrustedTableCatalog.ensure(catalog).entrySet()) {
        sinkByTopic.put(
            entry.getKey(),
            new TrustedTableSink(
                entry.getValue(), TrustedTables.schemaOf(entry.getKey()), target, writerNumber++));
      }
      TrustedTopology.addTo(
          topology,
          trusted.pseudonymKey(),
          trusted.fanOutPerEmission(),
          trusted.stateRetention(),
          new IcebergOrderArchive(catalog),
          TrustedQualityMetrics.registeredIn(registry));
    }

    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);

    Files.createDirectories(streamsSettings.stateDir());
    Properties props = StreamsProperties.of(bootstrap, streamsSettings);
    // before any client starts: an app that does not own the lake, or whose writer cannot resume
    // its tables, runs nothing
    TopicIds topicIds;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      LakeOwnership ownership =
          LakeOwnership.check(distinctTables(sinkByTopic), streamsSettings, trusted.enabled());
      topicIds = WriterPreflight.check(admin, sinkByTopic);
      ownership.apply(admin);
    }
    KafkaStreams streams = new KafkaStreams(topology, props);
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    // what reaches this handler is not a bad record (those become dead letters) but a fault of the
    // client
    // itself: this instance stops, its process exits and is restarted, the other instances go on
    AtomicReference<Throwable> topologyError = new AtomicReference<>();
    streams.setUncaughtExceptionHandler(
        e -> {
          topologyError.compareAndSet(null, e);
          LOG.error(
              "the Kafka Streams topology failed; this instance shuts down", FailureText.forLog(e));
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.start();

    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                appId + "-iceberg-writer",
                ConsumerConfig.CLIENT_ID_CONFIG,
                appId + "-iceberg-writer-" + UUID.randomUUID().toString().substring(0, 8),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                // never a reset: the writer seeks every partition to its table's offset, or refuses
                // (ResumePoint)
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "none",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                StreamsProperties.SESSION_TIMEOUT_MS,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                StreamsProperties.SESSION_TIMEOUT_MS / 3,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(registry);
    WriterMetrics metrics = new WriterMetrics(registry);
    String writerId = appId + "/" + UUID.randomUUID();
    WriterLetters writerLetters =
        new WriterLetters(
            deadLetters, target, datasets.size(), new TableCommitter(writerId, topicIds));
    IcebergTableWriter writer =
        new IcebergTableWriter(
            consumer, sinkByTopic, streamsSettings, writerId, metrics, writerLetters, topicIds);
    Thread thread = new Thread(writer, "iceberg-writer");
    thread.start();

    AppHealth health =
        new AppHealth(streams, topologyError, writer, thread, streamsSettings.commitInterval());
    HttpEndpoints http =
        HttpEndpoints.start(
            streamsSettings.httpHost(), streamsSettings.httpPort(), registry, health);
    LOG.info(
        "streams app {} started: {} raw tables, {}{}, metrics and health on port {}",
        appId,
        rawTables.size(),
        DeadLetterTable.IDENTIFIER,
        trusted.enabled() ? " and the trusted tables" : " (trusted stage disabled)",
        http.port());
    return new StreamsApp(
        streams,
        topologyError,
        writer,
        thread,
        metrics,
        registry,
        http,
        health,
        List.of(streamsMetrics, consumerMetrics, gc));
  }

  private static List<Table> distinctTables(Map<String, TableSink> sinkByTopic) {
    return sinkByTopic.values().stream().distinct().map(TableSink::table).toList();
  }

  public WriterMetrics metrics() {
    return metrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int httpPort() {
    return http.port();
  }

  public KafkaStreams.State streamsState() {
    return streams.state();
  }

  /** What {@code /health/live} answers now. */
  @Override
  public Health.Check liveness() {
    return health.live();
  }

  /** Why the app cannot go on (the writer or the topology failed), or null while it can. */
  @Override
  public String fatalError() {
    return ExitPolicy.failure(
        streams.state(), topologyError.get(), writer.failure(), writerThread.isAlive());
  }

  /**
   * Stops after committing the open batch: for in-process use, where nothing else is shutting down.
   */
  @Override
  public void close() throws Exception {
    close(true);
  }

  /**
   * Stops the app and leaves both groups, so the other instances take the partitions at once.
   *
   * @param commitOpenBatch whether the writer commits what it holds first; on a JVM shutdown
   *     (SIGTERM) this is false: Iceberg's worker pools are shutting down at the same moment, and
   *     the next owner of the partitions reads the open batch again from the tables' offsets anyway
   */
  public void close(boolean commitOpenBatch) throws Exception {
    close(commitOpenBatch, Duration.ofSeconds(60), Duration.ofSeconds(30));
  }

  /** {@link #close(boolean)} with a bound on each half: the writer's loop, then the topology. */
  @Override
  public void close(boolean commitOpenBatch, Duration writerTimeout, Duration topologyTimeout)
      throws Exception {
    writer.stop(commitOpenBatch);
    writerThread.join(Math.max(1, writerTimeout.toMillis()));
    if (writerThread.isAlive()) {
      LOG.warn("the Iceberg writer did not stop within {}; closing the rest", writerTimeout);
    }
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(topologyTimeout));
    http.close();
    for (AutoCloseable binder : binders) {
      binder.close();
    }
    registry.close();
  }
}
