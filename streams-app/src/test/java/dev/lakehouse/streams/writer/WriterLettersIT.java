package dev.lakehouse.streams.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.codec.RowCodec;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.deadletter.WriterLetters;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTableSink;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.streams.trusted.TrustedTableSink;
import dev.lakehouse.streams.trusted.TrustedTables;
import dev.lakehouse.testing.WithLocalStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows a table cannot hold, produced straight into a rows topic amid good ones, on the real broker,
 * S3 server and catalog: the writer lands the good rows, makes each bad one a dead letter of stage
 * {@code writer} once, and keeps committing; after a crash between the letters' commit and the data
 * table's (the data table rolled back to before its last commit), the writer reads the bad rows
 * again and writes no letter twice.
 */
@WithLocalStack
class WriterLettersIT {
  private static final OffsetDateTime CREATED = OffsetDateTime.parse("2019-01-17T22:50:06Z");

  @Test
  void rowsTheTableCannotHoldBecomeWriterLettersOnceAndTheTableKeepsCommitting(
      LocalStack stack, @TempDir Path work) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "raw.rows.order.it-letters-" + suffix;
    String bootstrap = stack.settings().kafka().bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get();
    }
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    Table table =
        RawTableCatalog.ensureTable(
            catalog,
            TableIdentifier.of(RawTableCatalog.NAMESPACE, "it_letters_order_" + suffix),
            RawTables.schema(Dataset.ORDER.contract()),
            PartitionSpec.unpartitioned(),
            SortOrder.unsorted(),
            Map.of());
    Table deadLetters =
        RawTableCatalog.ensureTable(
            catalog,
            TableIdentifier.of(RawTableCatalog.NAMESPACE, "it_letters_dead_" + suffix),
            DeadLetterTable.schema(),
            PartitionSpec.unpartitioned(),
            SortOrder.unsorted(),
            Map.of());

    RawRowCodec codec = new RawRowCodec(Dataset.ORDER.contract());
    Map<Long, byte[]> bad = new TreeMap<>();
    List<byte[]> first = new ArrayList<>();
    for (long offset = 0; offset < 5; offset++) {
      first.add(
          offset == 1
              ? overLong(codec, offset)
              : offset == 3 ? Arrays.copyOf(good(codec, offset), 9) : good(codec, offset));
      if (offset == 1 || offset == 3) {
        bad.put(offset, first.get((int) offset));
      }
    }
    produce(bootstrap, topic, first);

    StreamsSettings settings =
        StreamsSettings.defaults(work.resolve("state")).withCommitInterval(Duration.ofSeconds(1));
    try (Running writer = new Running(bootstrap, topic, table, deadLetters, settings)) {
      await(
          () -> rows(table) == 3 && letters(deadLetters).size() == 2,
          "3 rows and 2 writer letters",
          writer);
      // the table keeps committing after them
      List<byte[]> second = List.of(good(codec, 5), overLong(codec, 6), good(codec, 7));
      bad.put(6L, second.get(1));
      produce(bootstrap, topic, second);
      await(
          () -> rows(table) == 5 && letters(deadLetters).size() == 3,
          "5 rows and 3 writer letters",
          writer);
    }
    assertLetters(deadLetters, topic, bad);

    // a crash between the letters' commit (offset 6) and the data table's: the table is back at its
    // snapshot of
    // the first 3 rows (next offset 5), however the writer cut its batches
    table.refresh();
    long beforeSecond = -1;
    for (org.apache.iceberg.Snapshot snapshot :
        org.apache.iceberg.util.SnapshotUtil.currentAncestors(table)) {
      if ("3".equals(snapshot.summary().get("total-records"))) {
        beforeSecond = snapshot.snapshotId();
        break;
      }
    }
    assertThat(beforeSecond).as("a snapshot of the first 3 rows").isNotEqualTo(-1);
    table.manageSnapshots().rollbackTo(beforeSecond).commit();
    assertThat(rows(table)).isEqualTo(3);
    deadLetters.refresh();
    long lettersSnapshot = deadLetters.currentSnapshot().snapshotId();
    try (Running writer = new Running(bootstrap, topic, table, deadLetters, settings)) {
      await(() -> rows(table) == 5, "the replayed rows", writer);
    }
    deadLetters.refresh();
    assertThat(deadLetters.currentSnapshot().snapshotId())
        .as("no letter committed again")
        .isEqualTo(lettersSnapshot);
    assertLetters(deadLetters, topic, bad);
    System.out.printf(
        "WriterLettersIT: 8 rows (5 good, 3 the table cannot hold): 5 rows, 3 writer letters once, also after a replay%n");
  }

  @Test
  void trustedRowsTheTableCannotHoldBecomeWriterLettersAndTheTableKeepsCommitting(
      LocalStack stack, @TempDir Path work) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "trusted.rows.order_item.it-letters-" + suffix;
    String bootstrap = stack.settings().kafka().bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get();
    }
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    org.apache.iceberg.Schema schema = TrustedTables.orderItem();
    Table table =
        RawTableCatalog.ensureTable(
            catalog,
            TableIdentifier.of(TrustedTables.NAMESPACE, "it_letters_item_" + suffix),
            schema,
            TrustedTables.itemSpec(schema),
            SortOrder.unsorted(),
            Map.of());
    Table deadLetters =
        RawTableCatalog.ensureTable(
            catalog,
            TableIdentifier.of(RawTableCatalog.NAMESPACE, "it_letters_tdead_" + suffix),
            DeadLetterTable.schema(),
            PartitionSpec.unpartitioned(),
            SortOrder.unsorted(),
            Map.of());
    RowCodec codec = new RowCodec(schema);
    Map<Long, byte[]> bad = new TreeMap<>();
    List<byte[]> values = new ArrayList<>();
    for (long offset = 0; offset < 6; offset++) {
      // offset 1: a total of 10^20, beyond decimal(14, 2); offset 4: bytes that are no row at all
      byte[] value =
          offset == 1
              ? codec.encode(item(offset, new BigDecimal("1E20").setScale(2)))
              : offset == 4
                  ? new byte[] {RowCodec.FORMAT, 127}
                  : codec.encode(item(offset, new BigDecimal("12.50")));
      values.add(value);
      if (offset == 1 || offset == 4) {
        bad.put(offset, value);
      }
    }
    produce(bootstrap, topic, values);

    StreamsSettings settings =
        StreamsSettings.defaults(work.resolve("state")).withCommitInterval(Duration.ofSeconds(1));
    try (Running writer =
        new Running(
            bootstrap,
            topic,
            new TrustedTableSink(table, schema, 128L * 1024 * 1024, 0),
            deadLetters,
            settings)) {
      await(
          () -> rows(table) == 4 && letters(deadLetters).size() == 2,
          "4 rows and 2 writer letters",
          writer);
      produce(bootstrap, topic, List.of(codec.encode(item(6, new BigDecimal("1.00")))));
      await(() -> rows(table) == 5, "the row after the letters", writer);
    }
    Map<String, Long> byReason = new TreeMap<>();
    for (Record letter : letters(deadLetters)) {
      assertThat(letter.getField(DeadLetterTable.STAGE)).isEqualTo(DeadLetterTable.WRITER_STAGE);
      assertThat(letter.getField(DeadLetterTable.DLQ_TOPIC)).isEqualTo(topic);
      ByteBuffer payload = (ByteBuffer) letter.getField(DeadLetterTable.PAYLOAD);
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      assertThat(bytes).isEqualTo(bad.get((Long) letter.getField(DeadLetterTable.DLQ_OFFSET)));
      byReason.merge((String) letter.getField(DeadLetterTable.REASON), 1L, Long::sum);
    }
    assertThat(byReason)
        .isEqualTo(Map.of(RowVerdict.DECIMAL_OVERFLOW, 1L, RowVerdict.UNDECODABLE, 1L));
    System.out.printf(
        "WriterLettersIT: 7 trusted item rows (5 good, 2 the table cannot hold): 5 rows, 2 writer letters%n");
  }

  private static Map<String, Object> item(long offset, BigDecimal total) {
    Map<String, Object> row = new HashMap<>();
    row.put("order_id", "o-" + offset);
    row.put(TrustedTables.ORDER_LOCAL_DATE, LocalDate.parse("2019-01-17"));
    row.put("item_position", 0);
    row.put("total_value", total);
    row.put("garnish_count", 0);
    row.put(TrustedTables.VERSION, 1L);
    row.put(TrustedTables.VERSIONED_AT, CREATED);
    row.put(TrustedTables.CAUSED_AT, CREATED);
    return row;
  }

  private static void assertLetters(Table deadLetters, String topic, Map<Long, byte[]> bad)
      throws IOException {
    List<Record> letters = letters(deadLetters);
    Map<String, Long> byReason = new TreeMap<>();
    Set<Long> offsets = new HashSet<>();
    for (Record letter : letters) {
      assertThat(letter.getField(DeadLetterTable.STAGE)).isEqualTo(DeadLetterTable.WRITER_STAGE);
      assertThat(letter.getField(DeadLetterTable.DLQ_TOPIC)).isEqualTo(topic);
      long offset = (Long) letter.getField(DeadLetterTable.DLQ_OFFSET);
      assertThat(offsets.add(offset)).as("letter of offset %d twice", offset).isTrue();
      ByteBuffer payload = (ByteBuffer) letter.getField(DeadLetterTable.PAYLOAD);
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      assertThat(bytes).as("the original bytes of offset %d", offset).isEqualTo(bad.get(offset));
      byReason.merge((String) letter.getField(DeadLetterTable.REASON), 1L, Long::sum);
      if (letter.getField(DeadLetterTable.REASON).equals(RowVerdict.DECIMAL_OVERFLOW)) {
        assertThat(letter.getField(DeadLetterTable.SOURCE_OFFSET)).isEqualTo(100 + offset);
        assertThat((String) letter.getField(DeadLetterTable.DETAIL))
            .contains("order_total_amount")
            .doesNotContain("1000");
      }
    }
    assertThat(offsets).isEqualTo(bad.keySet());
    assertThat(byReason)
        .isEqualTo(Map.of(RowVerdict.DECIMAL_OVERFLOW, 2L, RowVerdict.UNDECODABLE, 1L));
  }

  private static byte[] good(RawRowCodec codec, long offset) {
    return codec.encode(order(new BigDecimal("46.00")), lineage(offset));
  }

  /** decimal(14, 2) holds 6 bytes; 10^30 takes 13. */
  private static byte[] overLong(RawRowCodec codec, long offset) {
    return codec.encode(order(new BigDecimal("1E30")), lineage(offset));
  }

  private static Map<String, Object> order(BigDecimal total) {
    Map<String, Object> values =
        new HashMap<>(
            Map.of(
                "order_id",
                "o-" + UUID.randomUUID(),
                "merchant_id",
                "m-1",
                "order_created_at",
                CREATED,
                "order_total_amount",
                total));
    return values;
  }

  private static Lineage lineage(long offset) {
    return new Lineage(
        "src.it-letters",
        0,
        100 + offset,
        1_700_000_000_000L,
        "s3://landing/it-letters.json",
        offset + 1);
  }

  private static void produce(String bootstrap, String topic, List<byte[]> values)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, 0, null, value)).get();
      }
    }
  }

  private static long rows(Table table) {
    table.refresh();
    return table.currentSnapshot() == null
        ? 0
        : Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0"));
  }

  private static List<Record> letters(Table deadLetters) {
    deadLetters.refresh();
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(deadLetters).build()) {
      read.forEach(rows::add);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }

  private static void await(BooleanSupplier done, String what, Running writer)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!done.getAsBoolean()) {
      assertThat(writer.writer.failure()).as("the writer stopped").isNull();
      assertThat(System.nanoTime()).as("no %s within a minute", what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** The writer on its own thread, as the app runs it. */
  private static final class Running implements AutoCloseable {
    final IcebergTableWriter writer;
    final Thread thread;

    Running(
        String bootstrap, String topic, Table table, Table deadLetters, StreamsSettings settings) {
      this(
          bootstrap,
          topic,
          new RawTableSink(Dataset.ORDER.contract(), table, 128L * 1024 * 1024, 0),
          deadLetters,
          settings);
    }

    Running(
        String bootstrap,
        String topic,
        TableSink sink,
        Table deadLetters,
        StreamsSettings settings) {
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "it-letters-" + UUID.randomUUID(),
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed",
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false,
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "none"),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      String writerId = "it-letters/" + UUID.randomUUID();
      this.writer =
          new IcebergTableWriter(
              consumer,
              Map.of(topic, sink),
              settings,
              writerId,
              new WriterMetrics(new SimpleMeterRegistry()),
              new WriterLetters(deadLetters, 128L * 1024 * 1024, 1, new TableCommitter(writerId)));
      this.thread = new Thread(writer, "it-letters-writer");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      writer.stop(true);
      thread.join(Duration.ofSeconds(30).toMillis());
      assertThat(thread.isAlive()).isFalse();
      assertThat(writer.failure()).isNull();
    }
  }
}
