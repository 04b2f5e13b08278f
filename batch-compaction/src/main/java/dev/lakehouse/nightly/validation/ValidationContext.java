package dev.lakehouse.nightly.validation;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.NightlySettings;
import dev.lakehouse.nightly.SparkNames;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the checks work with: Spark and the lake's catalog, the settings (Kafka, the contracts, the
 * nightly keys), the tables of this run, and when this run consolidated which table.
 *
 * @param tables the run's tables as {@code namespace.table}
 * @param consolidatedAt per table the consolidation of this run ran on, when it started
 */
public record ValidationContext(
    SparkSession spark,
    String catalogName,
    Catalog catalog,
    LakehouseSettings settings,
    NightlySettings nightly,
    Clock clock,
    Set<String> tables,
    Map<String, Instant> consolidatedAt) {

  public boolean covers(String table) {
    return tables.contains(table);
  }

  public Table load(String table) {
    return catalog.loadTable(TableIdentifier.parse(table));
  }

  public String sqlName(String table) {
    return SparkNames.table(catalogName, TableIdentifier.parse(table));
  }

  /** The first column of the query's single row, as a long (0 for null). */
  public long count(String sql) {
    Row row = spark.sql(sql).first();
    return row.isNullAt(0) ? 0 : ((Number) row.get(0)).longValue();
  }

  /** The first column of up to {@link LakeCheck#SAMPLE} rows, as text. */
  public List<String> sample(String sql) {
    List<String> keys = new ArrayList<>();
    for (Row row : spark.sql(sql + " LIMIT " + LakeCheck.SAMPLE).collectAsList()) {
      keys.add(String.valueOf(row.get(0)));
    }
    return keys;
  }

  /** When the run's checks leave out newer arrivals: now minus the settle margin. */
  public Instant settledBefore() {
    return clock.instant().minus(nightly.validationSettle());
  }
}
