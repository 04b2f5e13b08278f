package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.streams.writer.RowVerdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RawTableSinkTest {
  private static final String STATUS =
      "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"%s\",\"status_id\":\"s\",\"value\":\"PLACED\"}";

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEncodedRowLandsWithItsLineageAndSourceJsonOnTheRowsTopicIsALetter() throws Exception {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    Table table = RawTableCatalog.ensure(catalog, List.of(Dataset.ORDER_STATUS.contract())).get(0);
    RawTableSink sink =
        new RawTableSink(Dataset.ORDER_STATUS.contract(), table, 128L * 1024 * 1024, 0);

    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            new RawRecordParser(Dataset.ORDER_STATUS.contract())
                .parse(utf8(STATUS.formatted("o-new")));
    byte[] encoded =
        new RawRowCodec(Dataset.ORDER_STATUS.contract())
            .encode(
                parsed.values(),
                new Lineage("src.food.order_status", 2, 40, 1_000, "s3://landing/a.json.gz", 7L));
    sink.write(
        new ConsumerRecord<>(
            "raw.rows.order_status",
            0,
            0,
            0,
            TimestampType.CREATE_TIME,
            0,
            0,
            utf8("o-new"),
            encoded,
            new RecordHeaders(),
            Optional.empty()));

    RecordHeaders jsonHeaders = new RecordHeaders();
    jsonHeaders.add(PipelineHeaders.SOURCE_TOPIC, utf8("src.food.order_status"));
    jsonHeaders.add(PipelineHeaders.SOURCE_PARTITION, utf8("3"));
    jsonHeaders.add(PipelineHeaders.SOURCE_OFFSET, utf8("41"));
    jsonHeaders.add(PipelineHeaders.SOURCE_TIMESTAMP, utf8("2000"));
    jsonHeaders.add(PipelineHeaders.SOURCE_URI, utf8("s3://landing/b.json.gz"));
    jsonHeaders.add(PipelineHeaders.SOURCE_LINE, utf8("8"));
    sink.write(
        new ConsumerRecord<>(
            "raw.rows.order_status",
            0,
            1,
            0,
            TimestampType.CREATE_TIME,
            0,
            0,
            utf8("o-old"),
            utf8(STATUS.formatted("o-old")),
            jsonHeaders,
            Optional.empty()));

    List<DataFile> files = sink.complete();
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    // no released version wrote source JSON to a rows topic: such a record is refused like any
    // undecodable row
    assertThat(sink.takeLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.offset()).isEqualTo(1);
              assertThat(letter.reason()).isEqualTo(RowVerdict.UNDECODABLE);
              assertThat(letter.source()).isNull();
            });
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(rows::add);
    }
    assertThat(rows)
        .extracting(
            r ->
                r.getField("order_id")
                    + " "
                    + r.getField("created_at")
                    + " "
                    + r.getField(RawTables.SOURCE_PARTITION)
                    + "@"
                    + r.getField(RawTables.SOURCE_OFFSET)
                    + " "
                    + r.getField(RawTables.SOURCE_URI)
                    + ":"
                    + r.getField(RawTables.SOURCE_LINE))
        .containsExactly("o-new 2019-01-17T22:50:06Z 2@40 s3://landing/a.json.gz:7");
  }

  @Test
  void aRowTheTableCannotHoldBecomesALetterAndTheRowsAroundItLand() throws Exception {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    Table table = RawTableCatalog.ensure(catalog, List.of(Dataset.ORDER.contract())).get(0);
    RawTableSink sink = new RawTableSink(Dataset.ORDER.contract(), table, 128L * 1024 * 1024, 0);
    RawRowCodec codec = new RawRowCodec(Dataset.ORDER.contract());
    Lineage lineage = new Lineage("src.food.order", 1, 70, 1_000, "s3://landing/o.json.gz", 3L);
    byte[] good = codec.encode(RowFitTest.order(), lineage);
    byte[] tooLong =
        codec.encode(
            RowFitTest.order("order_total_amount", new java.math.BigDecimal("1E30")), lineage);
    byte[] cut = java.util.Arrays.copyOf(good, 9);
    List<byte[]> values = List.of(good, tooLong, good, cut, good);
    for (int offset = 0; offset < values.size(); offset++) {
      sink.write(
          new ConsumerRecord<>(
              "raw.rows.order",
              2,
              offset,
              5_000 + offset,
              TimestampType.CREATE_TIME,
              0,
              0,
              utf8("o-1"),
              values.get(offset),
              new RecordHeaders(),
              Optional.empty()));
    }
    List<DataFile> files = sink.complete();
    assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(3);
    List<dev.lakehouse.streams.writer.WriterLetter> letters = sink.takeLetters();
    assertThat(letters)
        .extracting(l -> l.rowsTopic() + "-" + l.partition() + "@" + l.offset() + " " + l.reason())
        .containsExactly(
            "raw.rows.order-2@1 " + RowVerdict.DECIMAL_OVERFLOW,
            "raw.rows.order-2@3 " + RowVerdict.UNDECODABLE);
    assertThat(letters.get(0).source())
        .isEqualTo(
            new dev.lakehouse.streams.writer.WriterLetter.Source(
                "src.food.order", 1, 70, "s3://landing/o.json.gz", 3L));
    assertThat(letters.get(1).source())
        .as("a row that does not decode has no source coordinates")
        .isNull();
    assertThat(letters.get(0).payload()).isEqualTo(tooLong);
    assertThat(letters.get(1).timestampMillis()).isEqualTo(5_003);
    assertThat(sink.takeLetters()).as("handed over once").isEmpty();
  }
}
