package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Each commit records where the writer began in the partitions it reads that the table has no
 * offsets for, so that a partition missing from a table's offsets is one it never read (and records
 * removed from it before the writer read them are refused, not skipped).
 */
class CommitStartsTest {

  @Test
  void startsAreAddedForPartitionsTheTableLacksAndNeverMoveOnesItHas() {
    CommittedOffsets table = CommittedOffsets.of(Map.of("t-0", 10L));
    assertThat(table.withStarts(Map.of("t-0", 3L, "t-1", 0L, "t-2", 40L)).asMap())
        .isEqualTo(Map.of("t-0", 10L, "t-1", 0L, "t-2", 40L));
    assertThat(table.withStarts(Map.of())).isSameAs(table);
  }

  @Test
  void aCommitRecordsTheQuietPartitionsItReads() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Table table =
        catalog.createTable(
            TableIdentifier.of("raw", "starts"),
            new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
            PartitionSpec.unpartitioned());
    TableCommitter committer = new TableCommitter("w");

    committer.commit(
        table,
        List.of(file(table, "a")),
        List.of(new OffsetRange(new TopicPartition("t", 0), 0, 10)),
        Map.of("t-1", 7L, "t-2", 0L));
    assertThat(TableHistory.of(table).offsets().orElseThrow().asMap())
        .isEqualTo(Map.of("t-0", 10L, "t-1", 7L, "t-2", 0L));

    // a later batch of the quiet partition starts where its start said; the start never overrides
    // data offsets
    committer.commit(
        table,
        List.of(file(table, "b")),
        List.of(new OffsetRange(new TopicPartition("t", 1), 7, 9)),
        Map.of("t-0", 10L, "t-2", 0L));
    assertThat(TableHistory.of(table).offsets().orElseThrow().asMap())
        .isEqualTo(Map.of("t-0", 10L, "t-1", 9L, "t-2", 0L));
    assertThat(ResumePoint.of(TableHistory.of(table), "t", 2, 0, 0)).isZero();
  }

  private static org.apache.iceberg.DataFile file(Table table, String name) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + name + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .build();
  }
}
