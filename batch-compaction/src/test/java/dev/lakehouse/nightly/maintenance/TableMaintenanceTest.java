package dev.lakehouse.nightly.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The orchestration on a real (in-memory) Iceberg catalog: a step whose commit really loses to a
 * rival is skipped as a conflict, one that fails is reported, and in both cases the next steps
 * still run on the table as it is.
 */
class TableMaintenanceTest {
  private static final TableIdentifier ID = TableIdentifier.of("raw", "events");
  private static final Schema SCHEMA =
      new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

  private InMemoryCatalog catalog;
  private DataFile first;
  private DataFile second;

  @BeforeEach
  void createTheTable() {
    catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Table table =
        catalog.createTable(
            ID, SCHEMA, PartitionSpec.unpartitioned(), Map.of("format-version", "2"));
    first = file("first");
    second = file("second");
    table.newAppend().appendFile(first).appendFile(second).commit();
  }

  @Test
  void aStepThatLosesARaceIsSkippedAndTheNextStepsRun() {
    MaintenanceStep racing =
        step(
            "compact",
            (table, before) -> {
              RewriteFiles rewrite =
                  table.newRewrite().rewriteFiles(Set.of(first, second), Set.of(file("merged")));
              // meanwhile another writer removes one of the files the rewrite read
              catalog.loadTable(ID).newDelete().deleteFile(first).commit();
              rewrite.commit();
              return StepOutcome.of(StepStatus.DONE, "rewrote 2 files");
            });
    List<TableShape> seenByNext = new ArrayList<>();
    MaintenanceStep next =
        step(
            "expire_snapshots",
            (table, before) -> {
              seenByNext.add(before);
              return StepOutcome.of(StepStatus.NOTHING_TO_DO, "nothing old");
            });
    List<List<StepResult>> progress = new ArrayList<>();

    List<StepResult> results =
        new TableMaintenance(catalog, List.of(racing, next), progress::add).run(ID);

    assertThat(results)
        .extracting(StepResult::status)
        .containsExactly(StepStatus.CONFLICT, StepStatus.NOTHING_TO_DO);
    assertThat(results.get(0).summary()).contains("concurrent commit", "the next run retries");
    assertThat(StepStatus.CONFLICT.failed()).isFalse();
    // the rival's delete stands, the rewrite left nothing behind
    assertThat(livePaths(catalog.loadTable(ID))).containsExactly("/data/second.parquet");
    assertThat(seenByNext).singleElement().satisfies(s -> assertThat(s.dataFiles()).isEqualTo(1));
    assertThat(progress).singleElement().isEqualTo(results);
  }

  @Test
  void aStepThatFailsIsReportedAndTheNextStepsRun() {
    MaintenanceStep failing =
        step(
            "remove_orphan_files",
            (table, before) -> {
              throw new IllegalStateException("S3 answered 503");
            });
    List<String> ran = new ArrayList<>();
    MaintenanceStep next =
        step(
            "validate",
            (table, before) -> {
              ran.add("validate");
              return StepOutcome.of(StepStatus.DONE, "ok");
            });

    List<StepResult> results =
        new TableMaintenance(catalog, List.of(failing, next), r -> {}).run(ID);

    assertThat(results.get(0).status()).isEqualTo(StepStatus.FAILED);
    assertThat(results.get(0).summary()).contains("IllegalStateException", "S3 answered 503");
    assertThat(results.get(0).before()).isEqualTo(results.get(0).after());
    assertThat(ran).containsExactly("validate");
  }

  /** What a step does, given the table and its shape. */
  interface Body {
    StepOutcome run(Table table, TableShape before);
  }

  private static MaintenanceStep step(String name, Body body) {
    return new MaintenanceStep() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StepOutcome run(TableIdentifier id, Table table, TableShape before) {
        return body.run(table, before);
      }
    };
  }

  private static DataFile file(String name) {
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath("/data/" + name + ".parquet")
        .withFileSizeInBytes(100)
        .withRecordCount(10)
        .build();
  }

  private static Set<String> livePaths(Table table) {
    Set<String> paths = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> paths.add(t.file().location()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return paths;
  }
}
