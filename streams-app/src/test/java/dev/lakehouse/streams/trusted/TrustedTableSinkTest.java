package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.streams.codec.RowCodec;
import dev.lakehouse.streams.writer.RowVerdict;
import dev.lakehouse.streams.writer.WriterLetter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A trusted row its table cannot hold (a decimal beyond its precision, a date beyond 32 bits of
 * days, bytes that do not decode, no value at all) is written nowhere and becomes a writer dead
 * letter with its coordinates and bytes; the good rows of the same batch are written, once each.
 */
class TrustedTableSinkTest {
  private static final Schema ITEM = TrustedTables.orderItem();
  private static final RowCodec CODEC = new RowCodec(ITEM);
  private static final String TOPIC = Topics.TRUSTED_ITEM_ROWS;

  @Test
  void rowsTheTableCannotHoldBecomeLettersAndTheRestIsWritten() throws Exception {
    Table table = table("items");
    TrustedTableSink sink = new TrustedTableSink(table, ITEM, 128L << 20, 0);
    List<byte[]> values = new ArrayList<>();
    values.add(CODEC.encode(item("o-1", 0, "2.000", "10.00")));
    values.add(CODEC.encode(item("o-2", 0, "2.000", "1" + "0".repeat(20) + ".00")));
    values.add(CODEC.encode(item("o-3", 0, "1" + "0".repeat(12) + ".000", "1.00")));
    values.add("not a row".getBytes(StandardCharsets.UTF_8));
    values.add(null);
    Map<String, Object> farDay = item("o-4", 0, "1.000", "1.00");
    farDay.put(TrustedTables.ORDER_LOCAL_DATE, LocalDate.MAX);
    values.add(CODEC.encode(farDay));
    values.add(CODEC.encode(item("o-5", 1, "1.500", "3.50")));
    for (int offset = 0; offset < values.size(); offset++) {
      sink.write(record(offset, values.get(offset)));
    }

    List<DataFile> files = sink.complete();
    List<WriterLetter> letters = sink.takeLetters();

    assertThat(letters)
        .extracting(l -> l.offset() + " " + l.reason())
        .containsExactly(
            "1 " + RowVerdict.DECIMAL_OVERFLOW,
            "2 " + RowVerdict.DECIMAL_OVERFLOW,
            "3 " + RowVerdict.UNDECODABLE,
            "4 " + RowVerdict.UNDECODABLE,
            "5 " + RowVerdict.OUT_OF_RANGE);
    assertThat(letters)
        .allSatisfy(
            letter -> {
              assertThat(letter.rowsTopic()).isEqualTo(TOPIC);
              assertThat(letter.dataset()).isEqualTo("trusted.items");
              assertThat(letter.payload()).isEqualTo(values.get((int) letter.offset()));
            });
    assertThat(letters.get(0).detail()).contains("total_value").doesNotContain("100000000000");
    assertThat(sink.takeLetters()).as("letters are handed over once").isEmpty();
    assertThat(orderIds(table, files)).containsExactlyInAnyOrder("o-1", "o-5");
  }

  @Test
  void anAbortedBatchLeavesNoLetters() {
    TrustedTableSink sink = new TrustedTableSink(table("aborted"), ITEM, 128L << 20, 0);
    sink.write(record(0, "junk".getBytes(StandardCharsets.UTF_8)));
    sink.abort();
    assertThat(sink.complete()).isEmpty();
    assertThat(sink.takeLetters()).isEmpty();
  }

  @Property(tries = 300)
  void anyBatchOfMutatedRowsIsWrittenOrLetteredNeverAnException(
      @ForAll("batches") List<byte[]> values) throws Exception {
    Table table = table("mutated");
    TrustedTableSink sink = new TrustedTableSink(table, ITEM, 128L << 20, 0);
    for (int offset = 0; offset < values.size(); offset++) {
      sink.write(record(offset, values.get(offset)));
    }
    List<DataFile> files = sink.complete();
    List<WriterLetter> letters = sink.takeLetters();
    long rows = files.stream().mapToLong(DataFile::recordCount).sum();
    assertThat(rows + letters.size())
        .as("each record is a row or a letter")
        .isEqualTo(values.size());
    assertThat(letters).allSatisfy(letter -> assertThat(letter.reason()).isNotBlank());
    assertThat(orderIds(table, files)).hasSize((int) rows);
  }

  @Provide
  Arbitrary<List<byte[]>> batches() {
    byte[] good = CODEC.encode(item("o-1", 0, "2.000", "10.00"));
    Arbitrary<byte[]> mutant =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, good.length - 1),
                Arbitraries.bytes())
            .as(
                (kind, at, value) ->
                    switch (kind) {
                      case 0 -> {
                        byte[] out = good.clone();
                        out[at] = value;
                        yield out;
                      }
                      case 1 -> Arrays.copyOf(good, at);
                      default -> {
                        byte[] out = new byte[good.length + 1];
                        System.arraycopy(good, 0, out, 0, at);
                        out[at] = value;
                        System.arraycopy(good, at, out, at + 1, good.length - at);
                        yield out;
                      }
                    });
    return Arbitraries.oneOf(mutant, Arbitraries.just(good)).list().ofMinSize(1).ofMaxSize(20);
  }

  private static Map<String, Object> item(
      String orderId, int position, String quantity, String total) {
    Map<String, Object> row = new HashMap<>();
    row.put("order_id", orderId);
    row.put(TrustedTables.ORDER_LOCAL_DATE, LocalDate.parse("2019-01-05"));
    row.put("item_position", position);
    row.put("quantity", new BigDecimal(quantity));
    row.put("total_value", new BigDecimal(total));
    row.put("garnish_count", 0);
    row.put(TrustedTables.VERSION, 1L);
    row.put(TrustedTables.VERSIONED_AT, OffsetDateTime.parse("2019-01-05T10:00:00Z"));
    row.put(TrustedTables.CAUSED_AT, OffsetDateTime.parse("2019-01-05T09:59:00Z"));
    return row;
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>(
        TOPIC,
        0,
        offset,
        1_000L,
        TimestampType.CREATE_TIME,
        0,
        value == null ? 0 : value.length,
        null,
        value,
        new RecordHeaders(),
        Optional.empty());
  }

  private static Table table(String name) {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(TrustedTables.NAMESPACE);
    return catalog
        .buildTable(TableIdentifier.of(TrustedTables.NAMESPACE, name), ITEM)
        .withPartitionSpec(TrustedTables.itemSpec(ITEM))
        .withSortOrder(SortOrder.unsorted())
        .create();
  }

  private static List<String> orderIds(Table table, List<DataFile> files) throws Exception {
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    List<String> ids = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> ids.add(r.getField("order_id").toString()));
    }
    return ids;
  }
}
