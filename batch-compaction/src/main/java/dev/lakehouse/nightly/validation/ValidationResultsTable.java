package dev.lakehouse.nightly.validation;

import dev.lakehouse.nightly.SparkNames;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops.validation_results}: one row per check per table per run, appended at the end of each
 * run (not in a dry run), partitioned by day, for Athena and the dashboards to read.
 */
public final class ValidationResultsTable {
  public static final TableIdentifier ID = TableIdentifier.of("ops", "validation_results");

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "run_id", Types.StringType.get()),
          Types.NestedField.required(2, "checked_at", Types.TimestampType.withZone()),
          Types.NestedField.required(3, "check", Types.StringType.get()),
          Types.NestedField.required(4, "table_name", Types.StringType.get()),
          Types.NestedField.required(5, "rule", Types.StringType.get()),
          Types.NestedField.required(6, "severity", Types.StringType.get()),
          Types.NestedField.required(7, "observed", Types.LongType.get()),
          Types.NestedField.required(8, "expected", Types.StringType.get()),
          Types.NestedField.required(9, "passed", Types.BooleanType.get()),
          Types.NestedField.optional(
              10,
              "sample_keys",
              Types.ListType.ofRequired(11, Types.StringType.get()),
              "up to 10 keys or source coordinates of offending rows"));

  private static final StructType SPARK_SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("checked_at", DataTypes.TimestampType, false)
          .add("check", DataTypes.StringType, false)
          .add("table_name", DataTypes.StringType, false)
          .add("rule", DataTypes.StringType, false)
          .add("severity", DataTypes.StringType, false)
          .add("observed", DataTypes.LongType, false)
          .add("expected", DataTypes.StringType, false)
          .add("passed", DataTypes.BooleanType, false)
          .add("sample_keys", DataTypes.createArrayType(DataTypes.StringType, false), true);

  private ValidationResultsTable() {}

  public static void append(
      SparkSession spark,
      Catalog catalog,
      String catalogName,
      String runId,
      Instant checkedAt,
      List<CheckResult> results) {
    if (results.isEmpty()) {
      return;
    }
    ensure(catalog);
    List<Row> rows = new ArrayList<>();
    for (CheckResult result : results) {
      rows.add(
          RowFactory.create(
              runId,
              Timestamp.from(checkedAt),
              result.check(),
              result.table(),
              result.rule(),
              result.severity().name(),
              result.observed(),
              result.expected().describe(),
              result.passed(),
              result.sample()));
    }
    try {
      spark.createDataFrame(rows, SPARK_SCHEMA).writeTo(SparkNames.table(catalogName, ID)).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(ID + " vanished while the run wrote to it", e);
    }
  }

  private static void ensure(Catalog catalog) {
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(ID.namespace())) {
      try {
        namespaces.createNamespace(Namespace.of(ID.namespace().levels()));
      } catch (AlreadyExistsException raced) {
        // another run created it
      }
    }
    if (!catalog.tableExists(ID)) {
      try {
        catalog
            .buildTable(ID, SCHEMA)
            .withPartitionSpec(PartitionSpec.builderFor(SCHEMA).day("checked_at").build())
            .withProperties(
                Map.of("format-version", "2", "write.parquet.compression-codec", "zstd"))
            .create();
      } catch (AlreadyExistsException raced) {
        // another run created it
      }
    }
  }
}
