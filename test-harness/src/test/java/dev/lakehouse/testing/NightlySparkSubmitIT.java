package dev.lakehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.lake.LakeMarks;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.process.SparkJobs;
import dev.lakehouse.process.SparkJvm;
import dev.lakehouse.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.zip.ZipFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job as a cluster runs it: its assembly jar handed to Spark's own {@code SparkSubmit}
 * with {@code --master local[2]}, on a classpath of Spark alone (the jar must bring the rest:
 * Iceberg, the AWS SDK, SQLite, Kafka's client, the job). It compacts a table this JVM wrote and
 * keeps the writer's offsets.
 */
@WithLocalStack
class NightlySparkSubmitIT {
  private static final TableIdentifier TABLE = TableIdentifier.of("submit", "events");

  @Test
  void theAssemblyJarRunsUnderSparkSubmit(LocalStack stack, @TempDir Path work) throws Exception {
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    ((SupportsNamespaces) catalog).createNamespace(Namespace.of("submit"));
    Table table =
        catalog.createTable(
            TABLE, IcebergTables.SCHEMA, IcebergTables.SPEC, Map.of("format-version", "2"));
    long id = 0;
    for (int commit = 1; commit <= 4; commit++) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        rows.add(IcebergTables.row(id++, "RECIFE"));
      }
      IcebergTables.appendFile(table, rows, Map.of(LakeMarks.KAFKA_OFFSETS, "src-0=" + id));
    }

    Path target = LakehouseHome.fromEnvironment().root().resolve("batch-compaction/target");
    Path jar;
    try (var jars = Files.list(target.resolve("spark-submit"))) {
      jar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
    }
    // Spark alone: none of the job's own dependencies is on this classpath
    List<Path> spark =
        LakehouseHome.classpathFile(target.resolve(LakehouseHome.PROVIDED_CLASSPATH));
    assertThat(spark).noneMatch(p -> p.getFileName().toString().startsWith("iceberg-"));
    try (ZipFile assembly = new ZipFile(jar.toFile())) {
      assertThat(assembly.getEntry("dev/lakehouse/nightly/NightlyJob.class")).isNotNull();
      assertThat(assembly.getEntry("org/apache/spark/sql/SparkSession.class"))
          .as("Spark is provided, not in the jar")
          .isNull();
    }

    Path report = work.resolve("report.json");
    try (ChildJvm submit =
        ChildJvm.start(
            new ChildJvm.Spec(
                "spark-submit",
                spark,
                SparkJvm.OPTIONS,
                "org.apache.spark.deploy.SparkSubmit",
                List.of(
                    "--master",
                    "local[2]",
                    "--conf",
                    "spark.driver.bindAddress=127.0.0.1",
                    "--conf",
                    "spark.driver.host=127.0.0.1",
                    "--conf",
                    "spark.ui.enabled=false",
                    "--class",
                    SparkJobs.NIGHTLY,
                    jar.toString(),
                    "--config",
                    stack.config().settingsFile().toString(),
                    "--tables",
                    "submit",
                    "--report",
                    report.toString()),
                work.resolve("spark-submit.log")))) {
      OptionalInt exit = submit.waitFor(Duration.ofMinutes(5));
      assertThat(exit).as("spark-submit exit code; log:%n%s", submit.logTail(80)).hasValue(0);
    }

    JsonNode steps = new ObjectMapper().readTree(report.toFile()).get("steps");
    assertThat(steps.toString()).contains("\"step\":\"compact\",\"status\":\"DONE\"");
    Table after = catalog.loadTable(TABLE);
    assertThat(after.currentSnapshot().summary()).containsEntry("total-data-files", "1");
    assertThat(after.currentSnapshot().summary()).containsEntry("total-records", "400");
  }
}
