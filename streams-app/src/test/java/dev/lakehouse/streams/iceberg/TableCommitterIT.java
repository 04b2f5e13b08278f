package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.streams.iceberg.CommitDecision.Verdict;
import dev.lakehouse.testing.WithLocalStack;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The conditional commit on the real SQLite catalog: replays are dropped, zombies lose, compaction
 * does not interfere.
 */
@WithLocalStack
class TableCommitterIT {
  private static final String P0 = "raw.rows.order-0";
  private static final String P1 = "raw.rows.order-1";
  private static final TopicPartition TP0 = new TopicPartition("raw.rows.order", 0);
  private static final TopicPartition TP1 = new TopicPartition("raw.rows.order", 1);

  @Test
  void commitsReplaysAndZombies(LakehouseSettings settings) {
    Table table = newTable(settings);
    TableCommitter writer = new TableCommitter("writer-a");
    TableCommitter zombie = new TableCommitter("writer-zombie");

    CommitOutcome first =
        writer.commit(
            table,
            List.of(file(table, 10)),
            List.of(new OffsetRange(TP0, 0, 10), new OffsetRange(TP1, 0, 5)));
    assertThat(first.verdict()).isEqualTo(Verdict.COMMIT);
    assertThat(first.tableOffsets().asMap()).isEqualTo(Map.of(P0, 10L, P1, 5L));

    // crash after the Iceberg commit: the same batch comes again and is dropped
    CommitOutcome replay =
        writer.commit(
            table,
            List.of(file(table, 10)),
            List.of(new OffsetRange(TP0, 0, 10), new OffsetRange(TP1, 0, 5)));
    assertThat(replay.verdict()).isEqualTo(Verdict.ALREADY_COMMITTED);

    // the new owner of partition 0 continues; the zombie that still thinks it owns it loses
    assertThat(
            writer
                .commit(table, List.of(file(table, 3)), List.of(new OffsetRange(TP0, 10, 13)))
                .verdict())
        .isEqualTo(Verdict.COMMIT);
    CommitOutcome late =
        zombie.commit(table, List.of(file(table, 7)), List.of(new OffsetRange(TP0, 10, 17)));
    assertThat(late.verdict()).isEqualTo(Verdict.CONFLICT);

    // a compaction (replace snapshot, no offsets) between two commits changes nothing
    table.refresh();
    List<DataFile> current = dataFiles(table);
    table.newRewrite().rewriteFiles(Set.copyOf(current), Set.of(file(table, 13))).commit();
    CommitOutcome afterCompaction =
        writer.commit(table, List.of(file(table, 2)), List.of(new OffsetRange(TP1, 5, 7)));
    assertThat(afterCompaction.verdict()).isEqualTo(Verdict.COMMIT);
    assertThat(afterCompaction.tableOffsets().asMap()).isEqualTo(Map.of(P0, 13L, P1, 7L));

    Table reloaded =
        LakehouseCatalogs.open(settings)
            .loadTable(
                TableIdentifier.parse(table.name().substring(table.name().indexOf('.') + 1)));
    assertThat(Long.parseLong(reloaded.currentSnapshot().summary().get("total-records")))
        .isEqualTo(15);
    assertThat(reloaded.currentSnapshot().summary())
        .containsEntry(CommittedOffsets.SUMMARY_KEY, P0 + "=13," + P1 + "=7")
        .containsEntry(TableCommitter.WRITER_KEY, "writer-a");
    // every writer commit is an append: incremental readers and Athena see each one
    assertThat(reloaded.snapshot(afterCompaction.snapshotId().orElseThrow()).operation())
        .isEqualTo("append");
    assertThat(reloaded.snapshot(first.snapshotId().orElseThrow()).operation()).isEqualTo("append");
  }

  @Test
  void aCompactionBetweenTheDecisionAndTheCommitDoesNotMakeTheWriterDecideAgain(
      LakehouseSettings settings) {
    Table table = newTable(settings);
    new TableCommitter("writer-a")
        .commit(table, List.of(file(table, 4)), List.of(new OffsetRange(TP0, 0, 4)));
    // the nightly job's rewrite lands after the writer decided and before its append reaches the
    // catalog: Iceberg retries the append on the rewritten table, where the plan still holds
    Table racing =
        between(
            table,
            () -> {
              table.refresh();
              table
                  .newRewrite()
                  .rewriteFiles(Set.copyOf(dataFiles(table)), Set.of(file(table, 4)))
                  .commit();
            });
    List<java.time.Duration> waits = new java.util.ArrayList<>();
    CommitOutcome outcome =
        new TableCommitter("writer-a", new CommitBackoff(() -> 0.5), waits::add)
            .commit(racing, List.of(file(table, 3)), List.of(new OffsetRange(TP0, 4, 7)));

    assertThat(outcome.verdict()).isEqualTo(Verdict.COMMIT);
    assertThat(waits).as("no decision made again").isEmpty();
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(outcome.snapshotId().orElseThrow());
    assertThat(table.currentSnapshot().operation()).isEqualTo("append");
    assertThat(table.snapshot(table.currentSnapshot().parentId()).operation()).isEqualTo("replace");
    assertThat(table.currentSnapshot().summary())
        .containsEntry(CommittedOffsets.SUMMARY_KEY, P0 + "=7")
        .containsEntry("total-records", "7");
  }

  @Test
  void anotherWritersCommitBetweenTheDecisionAndTheCommitIsDecidedAgain(
      LakehouseSettings settings) {
    Table table = newTable(settings);
    new TableCommitter("writer-a")
        .commit(table, List.of(file(table, 4)), List.of(new OffsetRange(TP0, 0, 4)));
    // a zombie commits the very range this writer decided to commit: through Iceberg's retry the
    // plan no longer holds, and deciding again finds the range taken
    Table racing =
        between(
            table,
            () ->
                new TableCommitter("zombie")
                    .commit(table, List.of(file(table, 3)), List.of(new OffsetRange(TP0, 4, 7))));
    List<java.time.Duration> waits = new java.util.ArrayList<>();
    CommitOutcome outcome =
        new TableCommitter("writer-a", new CommitBackoff(() -> 0.5), waits::add)
            .commit(racing, List.of(file(table, 3)), List.of(new OffsetRange(TP0, 4, 7)));

    assertThat(outcome.verdict()).isEqualTo(Verdict.ALREADY_COMMITTED);
    assertThat(waits).hasSize(1);
    table.refresh();
    assertThat(dataFiles(table)).hasSize(2);
    assertThat(table.currentSnapshot().summary())
        .containsEntry(CommittedOffsets.SUMMARY_KEY, P0 + "=7")
        .containsEntry(TableCommitter.WRITER_KEY, "zombie");

    // a rival on another partition: decided again, and committed on top of it
    Table rivalRacing =
        between(
            table,
            () ->
                new TableCommitter("rival")
                    .commit(table, List.of(file(table, 1)), List.of(new OffsetRange(TP1, 0, 1))));
    CommitOutcome next =
        new TableCommitter("writer-a", new CommitBackoff(() -> 0.5), waits::add)
            .commit(rivalRacing, List.of(file(table, 2)), List.of(new OffsetRange(TP0, 7, 9)));
    assertThat(next.verdict()).isEqualTo(Verdict.COMMIT);
    assertThat(waits).hasSize(2);
    assertThat(next.tableOffsets().asMap()).isEqualTo(Map.of(P0, 9L, P1, 1L));
  }

  @Test
  void aWriterThatLosesARaceDecidesAgainOnTheNewState(LakehouseSettings settings) {
    Table table = newTable(settings);
    Table staleView =
        LakehouseCatalogs.open(settings)
            .loadTable(
                TableIdentifier.parse(table.name().substring(table.name().indexOf('.') + 1)));
    new TableCommitter("winner")
        .commit(table, List.of(file(table, 4)), List.of(new OffsetRange(TP0, 0, 4)));
    // the loser's table object is stale: the committer refreshes and finds its range already taken
    CommitOutcome loser =
        new TableCommitter("loser")
            .commit(staleView, List.of(file(staleView, 4)), List.of(new OffsetRange(TP0, 0, 4)));
    assertThat(loser.verdict()).isEqualTo(Verdict.ALREADY_COMMITTED);
    staleView.refresh();
    assertThat(dataFiles(staleView)).hasSize(1);
  }

  /**
   * The table as a writer sees it, except that {@code meanwhile} runs (once) after the writer's
   * decision and just before its first commit reaches the catalog.
   */
  private static Table between(Table table, Runnable meanwhile) {
    TableOperations real = ((HasTableOperations) table).operations();
    boolean[] ran = {false};
    return new BaseTable(
        new ForwardingTableOperations(real) {
          @Override
          public void commit(TableMetadata base, TableMetadata metadata) {
            if (!ran[0]) {
              ran[0] = true;
              meanwhile.run();
            }
            super.commit(base, metadata);
          }
        },
        table.name());
  }

  private static Table newTable(LakehouseSettings settings) {
    Catalog catalog = LakehouseCatalogs.open(settings);
    Namespace ns = Namespace.of("it_commit");
    if (!((SupportsNamespaces) catalog).namespaceExists(ns)) {
      ((SupportsNamespaces) catalog).createNamespace(ns);
    }
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    return catalog.createTable(
        TableIdentifier.of(ns, "t_" + UUID.randomUUID().toString().replace("-", "")),
        schema,
        PartitionSpec.unpartitioned(),
        Map.of("format-version", "2"));
  }

  private static List<DataFile> dataFiles(Table table) {
    try (var tasks = table.newScan().planFiles()) {
      return java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
          .map(t -> t.file())
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static DataFile file(Table table, long records) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + UUID.randomUUID() + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(1024)
        .withRecordCount(records)
        .build();
  }
}
