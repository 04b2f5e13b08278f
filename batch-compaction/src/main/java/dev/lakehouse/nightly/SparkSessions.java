package dev.lakehouse.nightly;

import dev.lakehouse.common.settings.IcebergCatalogProperties;
import dev.lakehouse.common.settings.LakehouseSettings;
import org.apache.spark.sql.SparkSession;

/**
 * A local Spark session bound to loopback with the project's Iceberg catalog, configured from the
 * settings.
 */
final class SparkSessions {
  private SparkSessions() {}

  static SparkSession open(LakehouseSettings settings, String master) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("lakehouse-nightly")
            .master(master)
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
            .config("spark.sql.defaultCatalog", settings.catalog().name());
    IcebergCatalogProperties.asSparkConf(settings).forEach(builder::config);
    // every statement reads the table as it is now: the stream commits every few seconds
    builder.config("spark.sql.catalog." + settings.catalog().name() + ".cache-enabled", "false");
    return builder.getOrCreate();
  }
}
