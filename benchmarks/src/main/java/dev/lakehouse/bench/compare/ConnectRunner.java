package dev.lakehouse.bench.compare;

import dev.lakehouse.bench.BenchSupport;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.settings.IcebergCatalogProperties;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Apache Iceberg's Kafka Connect sink ({@code iceberg-kafka-connect}, the version of our Iceberg)
 * on a real Connect worker ({@code ConnectStandalone}, its own JVM, -Xmx1g like ours), from the
 * same source topics into tables of the same catalog and S3 server. Its tables have the raw tables'
 * layout (partition spec, sort order, zstd, no dictionary on unique-valued columns) and their
 * columns, all nullable, with the lineage a sink can have: topic, partition, offset and Kafka
 * timestamp (Connect's {@code InsertField}) and the source file and line (Connect's {@code
 * HeaderFrom}). Converters: schemaless JSON values, string keys. The connector reads
 * read_committed, like ours. The worker flushes offsets every 5 s instead of 60 s, so that an idle
 * task still answers the coordinator within its 30 s commit timeout. Each run gets its own
 * namespace, connector name and control topic.
 */
final class ConnectRunner extends TableRunner {
  static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMinutes(5);

  /** The one worker setting changed from its default; see {@link #workerProperties}. */
  static final Duration OFFSET_FLUSH_INTERVAL = Duration.ofSeconds(5);

  private final String name;
  private final Optional<Duration> commitInterval;
  private final int tasks;

  /**
   * @param commitInterval the sink's commit interval, or empty for its default (5 minutes)
   */
  ConnectRunner(String name, Optional<Duration> commitInterval, int tasks) {
    this.name = name;
    this.commitInterval = commitInterval;
    this.tasks = tasks;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "Iceberg Kafka Connect sink "
        + org.apache.iceberg.IcebergBuild.version().split(" ")[0]
        + ", "
        + commitInterval
            .map(d -> d.toMillis() + " ms commits")
            .orElse("default commit interval (5 min)")
        + ", tasks.max="
        + tasks;
  }

  @Override
  protected Duration commitInterval() {
    return commitInterval.orElse(DEFAULT_COMMIT_INTERVAL);
  }

  Namespace namespace(String label) {
    return Namespace.of(name.replace('-', '_') + "_" + label);
  }

  @Override
  protected List<TableIdentifier> tables(String label) {
    return Arrays.stream(Dataset.values())
        .map(d -> TableIdentifier.of(namespace(label), d.datasetName()))
        .toList();
  }

  /**
   * The raw table's columns, all nullable, without {@code _ingested_at} (no sink transform can
   * supply it).
   */
  static Schema connectSchema(Dataset dataset) {
    List<Types.NestedField> fields = new ArrayList<>();
    for (Types.NestedField field : RawTables.schema(dataset.contract()).columns()) {
      if (!field.name().equals(RawTables.INGESTED_AT)) {
        fields.add(field.asOptional());
      }
    }
    return new Schema(fields);
  }

  @Override
  protected ChildJvm start(RunContext context, String label, Path gcLog, boolean fromTheEnd)
      throws Exception {
    for (Dataset dataset : Dataset.values()) {
      TableIdentifier id = TableIdentifier.of(namespace(label), dataset.datasetName());
      context.catalog().dropTable(id, true);
      RawTableCatalog.ensureLike(context.catalog(), id, dataset.contract(), connectSchema(dataset));
    }
    String connector = name + "-" + label;
    if (fromTheEnd) {
      // the sink's consumer group (and the group the sink commits its offsets to):
      // connect-<connector>
      startGroupAtTheEnd(
          context,
          "connect-" + connector,
          Arrays.stream(Dataset.values()).map(Dataset::topic).toList());
    }
    String controlTopic = "control-iceberg-" + connector;
    String bootstrap = context.settings().kafka().bootstrapServers();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (!admin.listTopics().names().get().contains(controlTopic)) {
        admin.createTopics(List.of(new NewTopic(controlTopic, 1, (short) 1))).all().get();
      }
    }
    Path worker = context.runDir().resolve("worker.properties");
    Path connectorFile = context.runDir().resolve("connector.properties");
    Path log4j = context.runDir().resolve("log4j2.properties");
    write(worker, workerProperties(context, bootstrap));
    write(connectorFile, connectorProperties(context, label, connector, controlTopic, bootstrap));
    Files.writeString(
        log4j,
        String.join(
            "\n",
            "rootLogger.level=WARN",
            "rootLogger.appenderRef.out.ref=out",
            "appender.out.type=Console",
            "appender.out.name=out",
            "appender.out.layout.type=PatternLayout",
            "appender.out.layout.pattern=%d{ISO8601} %-5p [%t] %c{1} - %m%n",
            "logger.iceberg.name=org.apache.iceberg.connect",
            "logger.iceberg.level=INFO",
            "logger.connect.name=org.apache.kafka.connect.runtime",
            "logger.connect.level=INFO",
            ""));
    return ChildJvm.start(
        new ChildJvm.Spec(
            connector,
            context.home().moduleClasspath("benchmarks"),
            BenchSupport.measuredJvmOptions(
                ProcessStats.gcLogOption(gcLog), "-Dlog4j2.configurationFile=" + log4j),
            "org.apache.kafka.connect.cli.ConnectStandalone",
            List.of(worker.toString(), connectorFile.toString()),
            context.runDir().resolve("connect-worker.log")));
  }

  private static Map<String, String> workerProperties(RunContext context, String bootstrap)
      throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    p.put("value.converter.schemas.enable", "false");
    p.put("offset.storage.file.filename", context.runDir().resolve("connect.offsets").toString());
    p.put("plugin.path", pluginFolder(context).toString());
    p.put("plugin.discovery", "service_load");
    p.put("listeners", "http://127.0.0.1:" + BenchSupport.freePort());
    p.put("consumer.isolation.level", "read_committed");
    // An idle sink task blocks in poll() until the next offset flush (default 60 s) and only then
    // lets the
    // Iceberg worker read the control topic; the coordinator gives up on a commit after 30 s. With
    // the
    // default, a caught-up connector answered START_COMMIT too late and committed nothing for
    // minutes.
    p.put("offset.flush.interval.ms", Long.toString(OFFSET_FLUSH_INTERVAL.toMillis()));
    return p;
  }

  private Map<String, String> connectorProperties(
      RunContext context, String label, String connector, String controlTopic, String bootstrap) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("name", connector);
    p.put("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector");
    p.put("tasks.max", Integer.toString(tasks));
    p.put("topics", String.join(",", Arrays.stream(Dataset.values()).map(Dataset::topic).toList()));
    List<String> tables = new ArrayList<>();
    for (Dataset dataset : Dataset.values()) {
      String table = namespace(label) + "." + dataset.datasetName();
      tables.add(table);
      p.put(
          "iceberg.table." + table + ".route-regex",
          "^" + java.util.regex.Pattern.quote(dataset.topic()) + "$");
    }
    p.put("iceberg.tables", String.join(",", tables));
    p.put("iceberg.tables.route-field", RawTables.SOURCE_TOPIC);
    p.put("iceberg.catalog", context.settings().catalog().name());
    IcebergCatalogProperties.of(context.settings())
        .forEach((k, v) -> p.put("iceberg.catalog." + k, v));
    p.put("iceberg.control.topic", controlTopic);
    commitInterval.ifPresent(
        d -> p.put("iceberg.control.commit.interval-ms", Long.toString(d.toMillis())));
    p.put("iceberg.kafka.bootstrap.servers", bootstrap);
    p.put("transforms", "kafka,source");
    p.put("transforms.kafka.type", "org.apache.kafka.connect.transforms.InsertField$Value");
    p.put("transforms.kafka.topic.field", RawTables.SOURCE_TOPIC);
    p.put("transforms.kafka.partition.field", RawTables.SOURCE_PARTITION);
    p.put("transforms.kafka.offset.field", RawTables.SOURCE_OFFSET);
    p.put("transforms.kafka.timestamp.field", RawTables.KAFKA_TIMESTAMP);
    p.put("transforms.source.type", "org.apache.kafka.connect.transforms.HeaderFrom$Value");
    p.put(
        "transforms.source.headers",
        PipelineHeaders.SOURCE_URI + "," + PipelineHeaders.SOURCE_LINE);
    p.put("transforms.source.fields", RawTables.SOURCE_URI + "," + RawTables.SOURCE_LINE);
    p.put("transforms.source.operation", "copy");
    return p;
  }

  /** The plugin folder the build assembles (benchmarks/connect-iceberg-sink). */
  static Path pluginFolder(RunContext context) {
    Path folder = context.home().root().resolve("benchmarks/connect-iceberg-sink/target/plugin");
    if (!Files.isDirectory(folder.resolve("iceberg-sink"))) {
      throw new IllegalStateException(
          folder + " is missing: mvn -DskipTests package -pl benchmarks/connect-iceberg-sink");
    }
    return folder;
  }

  private static void write(Path file, Map<String, String> properties) throws IOException {
    Properties p = new Properties();
    p.putAll(properties);
    try (Writer out = Files.newBufferedWriter(file)) {
      p.store(out, "written by benchmarks/run compare");
    }
  }
}
