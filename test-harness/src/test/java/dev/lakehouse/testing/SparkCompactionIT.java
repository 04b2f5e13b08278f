package dev.lakehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.process.SparkJvm;
import dev.lakehouse.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark 3.5 job, in its own JVM (Scala 2.12 must not meet the broker's 2.13), opens the table
 * that this JVM wrote through the same catalog and compacts it with rewrite_data_files.
 */
@WithLocalStack
class SparkCompactionIT {

  @Test
  void sparkJobReadsAndCompactsTheTableWrittenHere(LocalStack stack, @TempDir Path work)
      throws Exception {
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    Namespace namespace = Namespace.of("ground");
    if (!((SupportsNamespaces) catalog).namespaceExists(namespace)) {
      ((SupportsNamespaces) catalog).createNamespace(namespace);
    }
    TableIdentifier id = TableIdentifier.of(namespace, "small_files");
    Table table =
        catalog.createTable(
            id, IcebergTables.SCHEMA, IcebergTables.SPEC, Map.of("format-version", "2"));
    long nextId = 0;
    for (int file = 0; file < 5; file++) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        rows.add(IcebergTables.row(nextId++, "FRANCA"));
      }
      IcebergTables.appendFile(table, rows);
    }

    Path report = work.resolve("report.json");
    LakehouseHome home = LakehouseHome.fromEnvironment();
    try (ChildJvm spark =
        ChildJvm.start(
            new ChildJvm.Spec(
                "nightly",
                home.moduleClasspath("batch-compaction"),
                SparkJvm.OPTIONS,
                "dev.lakehouse.nightly.NightlyJob",
                List.of(
                    "--config",
                    stack.config().settingsFile().toString(),
                    "--tables",
                    "ground.small_files",
                    "--report",
                    report.toString()),
                work.resolve("nightly.log")))) {
      OptionalInt exit = spark.waitFor(Duration.ofMinutes(5));
      assertThat(exit).as("nightly job exit code; log:%n%s", spark.logTail(60)).hasValue(0);
    }

    String json = Files.readString(report);
    assertThat(json)
        .contains("\"table\":\"ground.small_files\"")
        .contains("\"rowsBefore\":1000", "\"rowsAfter\":1000")
        .contains("\"dataFilesBefore\":5", "\"dataFilesAfter\":1")
        .contains("\"rewrittenDataFiles\":5", "\"addedDataFiles\":1");

    // this JVM sees Spark's commit through the shared catalog, and the data is intact
    Table after = LakehouseCatalogs.open(stack.settings()).loadTable(id);
    assertThat(after.currentSnapshot().operation()).isEqualTo("replace");
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(after).build()) {
      rows.forEach(r -> ids.add((Long) r.getField("id")));
    }
    assertThat(ids).hasSize(1000).doesNotHaveDuplicates().allMatch(v -> v >= 0 && v < 1000);
  }
}
