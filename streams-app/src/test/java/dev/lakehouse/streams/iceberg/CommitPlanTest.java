package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The plan an append carries, and when it still holds on a history that moved. */
class CommitPlanTest {
  private static final TopicPartition T0 = new TopicPartition("t", 0);
  private static final List<OffsetRange> NEXT = List.of(new OffsetRange(T0, 4, 9));

  @Test
  void aPlanHoldsOverACompactionAndNotOverAnotherWritersCommit() {
    Table table = newTable();
    table.newAppend().appendFile(file(table)).set(CommittedOffsets.SUMMARY_KEY, "t-0=4").commit();
    CommitPlan plan = planOn(table);
    assertThat(plan.commits()).isTrue();
    assertThat(plan.summary())
        .containsEntry(CommittedOffsets.SUMMARY_KEY, "t-0=9")
        .containsEntry(TableCommitter.WRITER_KEY, "w");

    table.newRewrite().rewriteFiles(Set.copyOf(files(table)), Set.of(file(table))).commit();
    assertThat(plan.stillHolds(planOn(table))).as("after a compaction").isTrue();

    table
        .newAppend()
        .appendFile(file(table))
        .set(CommittedOffsets.SUMMARY_KEY, "t-0=4,t-1=2")
        .commit();
    CommitPlan moved = planOn(table);
    assertThat(moved.commits()).isTrue();
    assertThat(plan.stillHolds(moved)).as("another partition moved: other offsets").isFalse();

    table.newAppend().appendFile(file(table)).set(CommittedOffsets.SUMMARY_KEY, "t-0=9").commit();
    CommitPlan taken = planOn(table);
    assertThat(taken.decision().verdict()).isEqualTo(CommitDecision.Verdict.ALREADY_COMMITTED);
    assertThat(taken.stillHolds(taken)).as("a plan that does not commit never holds").isFalse();
  }

  @Test
  void aTopicCreatedAgainIsARefusalNotAVerdict() {
    Table table = newTable();
    table
        .newAppend()
        .appendFile(file(table))
        .set(CommittedOffsets.SUMMARY_KEY, "t-0=4")
        .set(TopicIds.SUMMARY_KEY, TopicIds.of(Map.of("t", "old-id")).encode())
        .commit();
    CommitPlan plan =
        CommitPlan.on(
            SnapshotUtil.currentAncestors(table),
            NEXT,
            Map.of(),
            TopicIds.of(Map.of("t", "new-id")),
            "w");
    assertThat(plan.commits()).isFalse();
    assertThat(plan.refusal()).hasValueSatisfying(r -> assertThat(r).contains("old-id", "new-id"));
  }

  @Test
  void anEmptyTableTakesAnyStartAndRecordsTheQuietPartitions() {
    Table table = newTable();
    CommitPlan plan = CommitPlan.on(List.of(), NEXT, Map.of("t-1", 3L), TopicIds.none(), "w");
    assertThat(plan.commits()).isTrue();
    assertThat(plan.after().asMap()).isEqualTo(Map.of("t-0", 9L, "t-1", 3L));
    assertThat(plan.summary()).doesNotContainKey(TopicIds.SUMMARY_KEY);
    assertThat(table.currentSnapshot()).isNull();
  }

  private static CommitPlan planOn(Table table) {
    table.refresh();
    return CommitPlan.on(
        SnapshotUtil.currentAncestors(table), NEXT, Map.of(), TopicIds.none(), "w");
  }

  private static Table newTable() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    return catalog.createTable(
        TableIdentifier.of("raw", "plan"),
        new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
        PartitionSpec.unpartitioned());
  }

  private static List<DataFile> files(Table table) {
    return java.util.stream.StreamSupport.stream(
            table.currentSnapshot().addedDataFiles(table.io()).spliterator(), false)
        .toList();
  }

  private static DataFile file(Table table) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + UUID.randomUUID() + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .build();
  }
}
