package dev.lakehouse.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The ingest's original length, offset and SHA-256 reach raw.dead_letters, also in a table an
 * earlier version made.
 */
class DeadLetterSinkTest {
  private static final Set<String> ADDED =
      Set.of(
          DeadLetterTable.ORIGINAL_LENGTH,
          DeadLetterTable.ORIGINAL_OFFSET,
          DeadLetterTable.ORIGINAL_SHA256);

  @Test
  void aTableOfAnEarlierVersionGainsTheOriginalColumnsAndTheHeadersFillThem() throws Exception {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(DeadLetterTable.IDENTIFIER.namespace());
    Schema earlier =
        new Schema(
            DeadLetterTable.schema().columns().stream()
                .filter(c -> !ADDED.contains(c.name()))
                .toList());
    catalog.createTable(DeadLetterTable.IDENTIFIER, earlier, PartitionSpec.unpartitioned());

    Table table = DeadLetterTable.ensure(catalog);
    assertThat(ADDED)
        .allSatisfy(column -> assertThat(table.schema().findField(column)).as(column).isNotNull());

    DeadLetterSink sink = new DeadLetterSink(table, 128L * 1024 * 1024, 0);
    RecordHeaders headers = new RecordHeaders();
    headers.add(PipelineHeaders.DLQ_REASON, utf8("line-too-long"));
    headers.add(PipelineHeaders.DLQ_ORIGINAL_LENGTH, utf8("2000000"));
    headers.add(PipelineHeaders.DLQ_ORIGINAL_OFFSET, utf8("4096"));
    headers.add(PipelineHeaders.DLQ_ORIGINAL_SHA256, utf8("ab".repeat(32)));
    sink.write(
        new ConsumerRecord<>(
            Topics.DLQ_INGEST,
            0,
            7,
            1_000,
            TimestampType.CREATE_TIME,
            0,
            0,
            null,
            utf8("{\"a\":"),
            headers,
            Optional.empty()));
    sink.write(
        new ConsumerRecord<>(
            Topics.DLQ_INGEST,
            0,
            8,
            1_000,
            TimestampType.CREATE_TIME,
            0,
            0,
            null,
            utf8("x"),
            new RecordHeaders(),
            Optional.empty()));
    AppendFiles append = table.newAppend();
    sink.complete().forEach(append::appendFile);
    append.commit();

    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(
          r ->
              rows.add(
                  r.getField(DeadLetterTable.DLQ_OFFSET)
                      + " "
                      + r.getField(DeadLetterTable.ORIGINAL_LENGTH)
                      + " "
                      + r.getField(DeadLetterTable.ORIGINAL_OFFSET)
                      + " "
                      + r.getField(DeadLetterTable.ORIGINAL_SHA256)));
    }
    assertThat(rows)
        .containsExactlyInAnyOrder("7 2000000 4096 " + "ab".repeat(32), "8 null null null");
  }

  @Test
  void aDeadLetterWithAKafkaTimestampNoColumnHoldsIsStillLanded() throws Exception {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(DeadLetterTable.IDENTIFIER.namespace());
    Table table = DeadLetterTable.ensure(catalog);
    DeadLetterSink sink = new DeadLetterSink(table, 128L * 1024 * 1024, 0);
    RecordHeaders headers = new RecordHeaders();
    headers.add(PipelineHeaders.DLQ_REASON, utf8("malformed-json"));
    headers.add(PipelineHeaders.SOURCE_LINE, utf8("not a number"));
    sink.write(
        new ConsumerRecord<>(
            Topics.DLQ_INGEST,
            0,
            3,
            Long.MAX_VALUE,
            TimestampType.CREATE_TIME,
            0,
            0,
            null,
            utf8("{"),
            headers,
            Optional.empty()));
    sink.write(
        new ConsumerRecord<>(
            Topics.DLQ_INGEST,
            0,
            4,
            -5,
            TimestampType.CREATE_TIME,
            0,
            0,
            null,
            null,
            new RecordHeaders(),
            Optional.empty()));
    AppendFiles append = table.newAppend();
    sink.complete().forEach(append::appendFile);
    append.commit();

    List<String> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(
          r ->
              rows.add(
                  r.getField(DeadLetterTable.DLQ_OFFSET)
                      + " "
                      + r.getField(DeadLetterTable.REASON)
                      + " "
                      + r.getField(DeadLetterTable.DEAD_LETTERED_AT)
                      + " "
                      + r.getField(DeadLetterTable.SOURCE_LINE)));
    }
    assertThat(rows)
        .containsExactlyInAnyOrder(
            "3 malformed-json 9999-12-31T23:59:59.999Z null", "4 unknown 1970-01-01T00:00Z null");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
