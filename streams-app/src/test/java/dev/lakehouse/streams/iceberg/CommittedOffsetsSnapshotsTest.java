package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * The resume point is read from the table: the newest snapshot that carries offsets, past
 * compactions; and when it is lost.
 */
class CommittedOffsetsSnapshotsTest {

  @Test
  void offsetsSurviveASnapshotThatCarriesNone() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    Table table =
        catalog.createTable(TableIdentifier.of("raw", "t"), schema, PartitionSpec.unpartitioned());
    assertThat(CommittedOffsets.fromSnapshots(SnapshotUtil.currentAncestors(table)))
        .isEqualTo(CommittedOffsets.none());

    DataFile first = file(table, "a.parquet");
    table.newAppend().appendFile(first).set(CommittedOffsets.SUMMARY_KEY, "t-0=10").commit();
    DataFile second = file(table, "b.parquet");
    table.newAppend().appendFile(second).set(CommittedOffsets.SUMMARY_KEY, "t-0=25,t-1=3").commit();
    // a compaction by the nightly job: a replace snapshot without our summary
    table
        .newRewrite()
        .rewriteFiles(java.util.Set.of(first, second), java.util.Set.of(file(table, "c.parquet")))
        .commit();

    assertThat(table.currentSnapshot().summary()).doesNotContainKey(CommittedOffsets.SUMMARY_KEY);
    assertThat(CommittedOffsets.fromSnapshots(SnapshotUtil.currentAncestors(table)).asMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("t-0", 25L, "t-1", 3L));
  }

  @Test
  void aTableWhoseOffsetSnapshotsExpiredKnowsItHasLostThem() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    Table table =
        catalog.createTable(TableIdentifier.of("raw", "t"), schema, PartitionSpec.unpartitioned());
    assertThat(TableHistory.of(table)).isEqualTo(TableHistory.empty(table.name()));

    DataFile first = file(table, "a.parquet");
    table.newAppend().appendFile(first).set(CommittedOffsets.SUMMARY_KEY, "t-0=10").commit();
    assertThat(TableHistory.of(table).offsets()).contains(CommittedOffsets.of(Map.of("t-0", 10L)));
    table
        .newRewrite()
        .rewriteFiles(java.util.Set.of(first), java.util.Set.of(file(table, "c.parquet")))
        .commit();
    // the nightly job expires every snapshot but the compaction's: the offsets are gone with them
    table
        .expireSnapshots()
        .retainLast(1)
        .expireOlderThan(Long.MAX_VALUE)
        .cleanExpiredFiles(false)
        .commit();

    TableHistory history = TableHistory.of(table);
    assertThat(history.hasSnapshots()).isTrue();
    assertThat(history.offsets()).isEmpty();

    // CREATE OR REPLACE: the old snapshots stay in the metadata, the new lineage has no offsets
    Table other =
        catalog.createTable(TableIdentifier.of("raw", "u"), schema, PartitionSpec.unpartitioned());
    other
        .newAppend()
        .appendFile(file(other, "d.parquet"))
        .set(CommittedOffsets.SUMMARY_KEY, "t-0=10")
        .commit();
    catalog
        .newReplaceTableTransaction(
            TableIdentifier.of("raw", "u"), schema, PartitionSpec.unpartitioned(), false)
        .commitTransaction();
    TableHistory replaced = TableHistory.of(catalog.loadTable(TableIdentifier.of("raw", "u")));
    assertThat(replaced.hasSnapshots()).isTrue();
    assertThat(replaced.offsets()).isEmpty();
  }

  private static DataFile file(Table table, String name) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + name)
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .build();
  }
}
