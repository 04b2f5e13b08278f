package dev.lakehouse.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.streams.iceberg.CommittedOffsets;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.iceberg.WriterLetterMarks;
import dev.lakehouse.streams.writer.WriterLetter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;

/**
 * The writer's letters land in raw.dead_letters once each, with the marks that make a replay skip
 * them.
 */
class WriterLettersTest {
  @Test
  void lettersLandOnceAndAReplaySkipsThem() throws IOException {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    Table table = DeadLetterTable.ensure(catalog);
    WriterLetters letters =
        new WriterLetters(table, 128L * 1024 * 1024, 0, new TableCommitter("test-writer"));

    // fresh
    assertThat(letters.commit(List.of(letter(5), letter(9))))
        .isEqualTo(Map.of("writer/decimal-overflow", 2L));
    table.refresh();
    assertThat(table.currentSnapshot().summary())
        .containsEntry(WriterLetterMarks.SUMMARY_KEY, "raw.rows.order-0=10")
        .containsEntry(CommittedOffsets.SUMMARY_KEY, "");
    // replay after a crash between this commit and the data table's: nothing new
    long before = table.currentSnapshot().snapshotId();
    assertThat(letters.commit(List.of(letter(5), letter(9)))).isEmpty();
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(before);
    // the next batch, overlapping the replayed one
    assertThat(letters.commit(List.of(letter(9), letter(12))))
        .isEqualTo(Map.of("writer/decimal-overflow", 1L));

    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(rows::add);
    }
    assertThat(rows)
        .extracting(
            r ->
                r.getField(DeadLetterTable.STAGE)
                    + " "
                    + r.getField(DeadLetterTable.DLQ_TOPIC)
                    + "-"
                    + r.getField(DeadLetterTable.DLQ_PARTITION)
                    + "@"
                    + r.getField(DeadLetterTable.DLQ_OFFSET)
                    + " "
                    + r.getField(DeadLetterTable.SOURCE_TOPIC)
                    + "@"
                    + r.getField(DeadLetterTable.SOURCE_OFFSET))
        .containsExactlyInAnyOrder(
            "writer raw.rows.order-0@5 src.food.order@105",
            "writer raw.rows.order-0@9 src.food.order@109",
            "writer raw.rows.order-0@12 src.food.order@112");
  }

  private static WriterLetter letter(long offset) {
    return new WriterLetter(
        "raw.rows.order",
        0,
        offset,
        1_700_000_000_000L,
        "order",
        "decimal-overflow",
        "column order_total_amount is decimal(14, 2)",
        new WriterLetter.Source("src.food.order", 0, 100 + offset, "s3://l/a.json", 4L),
        new byte[] {1, 2, 3});
  }
}
