package dev.lakehouse.bench.compare;

import dev.lakehouse.bench.BenchSupport;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.settings.IcebergCatalogProperties;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.streams.raw.ParseResult;
import dev.lakehouse.streams.raw.RawRecordParser;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The limit runner of the comparison benchmark, run as its own JVM: a plain read_committed consumer
 * reads every source topic to the end it had at start, types each record with the raw contract
 * parser into the raw table's row (same columns, same lineage), and writes the rows with
 * parquet-java straight to the S3 server (zstd, no dictionary on the same unique-valued columns,
 * files rolled at the same target size). No framework, no partitioning, no catalog, no commits: the
 * most this hardware can do with these rows. Prints one {@code limit-result} line.
 */
public final class LimitWriterMain {
  private LimitWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[0]);
    String prefix = args[1];
    long targetFileBytes = Long.parseLong(args[2]);
    LakehouseSettings settings = LakehouseSettings.load(config);
    try (S3FileIO io = new S3FileIO()) {
      io.initialize(IcebergCatalogProperties.of(settings));
      long started = System.nanoTime();
      Totals totals = run(settings.kafka().bootstrapServers(), io, prefix, targetFileBytes);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          "limit-result records=%d rejected=%d valueBytes=%d files=%d fileBytes=%d seconds=%.3f peakRssKb=%d%n",
          totals.records,
          totals.rejected,
          totals.valueBytes,
          totals.files,
          totals.fileBytes,
          seconds,
          peakRssKb());
      System.out.flush();
    }
    // the S3 client's threads must not keep this JVM alive
    System.exit(0);
  }

  private static final class Totals {
    long records;
    long rejected;
    long valueBytes;
    long files;
    long fileBytes;
  }

  private static Totals run(String bootstrap, S3FileIO io, String prefix, long targetFileBytes)
      throws IOException {
    Totals totals = new Totals();
    Map<String, DatasetFiles> byTopic = new java.util.HashMap<>();
    for (Dataset dataset : Dataset.values()) {
      byTopic.put(
          dataset.topic(),
          new DatasetFiles(
              dataset, io, prefix + "/" + dataset.datasetName(), targetFileBytes, totals));
    }
    try (KafkaConsumer<byte[], byte[]> consumer =
        BenchSupport.sourceTopicsFromTheBeginning(bootstrap)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
            byTopic.get(record.topic()).write(record);
          }
        }
      }
    }
    for (DatasetFiles files : byTopic.values()) {
      files.close();
    }
    return totals;
  }

  /** The rolling Parquet file of one dataset. */
  private static final class DatasetFiles {
    private final RawRecordParser parser;
    private final Schema schema;
    private final List<Types.NestedField> columns;

    /**
     * For each column, the index of its contract field in a parsed record (-1 for lineage columns).
     */
    private final int[] fieldIndex;

    private final S3FileIO io;
    private final String prefix;
    private final long targetFileBytes;
    private final Dataset dataset;
    private final Totals totals;
    private RowParquetFile writer;
    private int fileNumber;

    DatasetFiles(Dataset dataset, S3FileIO io, String prefix, long targetFileBytes, Totals totals) {
      this.dataset = dataset;
      this.parser = new RawRecordParser(dataset.contract());
      this.schema = RawTables.schema(dataset.contract());
      this.columns = schema.columns();
      this.fieldIndex =
          columns.stream().mapToInt(c -> dataset.fieldNames().indexOf(c.name())).toArray();
      this.io = io;
      this.prefix = prefix;
      this.targetFileBytes = targetFileBytes;
      this.totals = totals;
    }

    void write(ConsumerRecord<byte[], byte[]> record) throws IOException {
      totals.valueBytes += record.serializedValueSize();
      if (!(parser.parse(record.value()) instanceof ParseResult.Parsed parsed)) {
        totals.rejected++;
        return;
      }
      Object[] row = new Object[columns.size()];
      Object[] values = parsed.ordered();
      for (int i = 0; i < columns.size(); i++) {
        String name = columns.get(i).name();
        row[i] =
            switch (name) {
              case RawTables.SOURCE_TOPIC -> record.topic();
              case RawTables.SOURCE_PARTITION -> record.partition();
              case RawTables.SOURCE_OFFSET -> record.offset();
              case RawTables.KAFKA_TIMESTAMP ->
                  OffsetDateTime.ofInstant(
                      Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC);
              case RawTables.INGESTED_AT -> OffsetDateTime.now(ZoneOffset.UTC);
              case RawTables.SOURCE_URI -> header(record, PipelineHeaders.SOURCE_URI);
              case RawTables.SOURCE_LINE -> {
                String line = header(record, PipelineHeaders.SOURCE_LINE);
                yield line == null ? null : Long.valueOf(line);
              }
              default -> fieldIndex[i] < 0 ? null : values[fieldIndex[i]];
            };
      }
      if (writer == null) {
        writer = open();
      }
      writer.write(row);
      totals.records++;
      if (writer.dataSize() >= targetFileBytes) {
        close();
      }
    }

    private RowParquetFile open() throws IOException {
      String location = String.format("%s/%05d.parquet", prefix, fileNumber++);
      return new RowParquetFile(
          io, location, schema, RawTableCatalog.plainEncodedColumns(dataset.contract()));
    }

    void close() throws IOException {
      if (writer != null) {
        writer.close();
        totals.files++;
        totals.fileBytes += writer.length();
        writer = null;
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
