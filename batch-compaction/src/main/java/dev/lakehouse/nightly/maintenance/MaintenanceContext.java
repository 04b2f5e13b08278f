package dev.lakehouse.nightly.maintenance;

import dev.lakehouse.common.settings.NightlySettings;
import dev.lakehouse.nightly.SparkNames;
import java.time.Clock;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;

/**
 * What every step works with: the Spark session, the name the lake's catalog has in it, the
 * settings, whether the run is a dry run, and the clock its age limits count from.
 */
public record MaintenanceContext(
    SparkSession spark, String catalog, NightlySettings settings, boolean dryRun, Clock clock) {

  /** The table's name for Spark SQL, each part quoted: {@code `lakehouse`.`trusted`.`order`}. */
  public String sqlName(TableIdentifier id) {
    return SparkNames.table(catalog, id);
  }

  /** A Spark SQL identifier in back-quotes. */
  public static String quote(String name) {
    return SparkNames.quote(name);
  }
}
