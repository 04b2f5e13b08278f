package dev.lakehouse.nightly;

import dev.lakehouse.common.settings.IcebergCatalogProperties;
import dev.lakehouse.common.settings.LakehouseSettings;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session with the project's Iceberg catalog, configured from the settings. The master is
 * the one asked for, else spark-submit's ({@code spark.master}), else {@code local[*]}; a local
 * session binds to loopback, without a UI, with few shuffle partitions, while a cluster's keeps its
 * own settings.
 */
final class SparkSessions {
  static final String LOCAL = "local[*]";

  private SparkSessions() {}

  static SparkSession open(LakehouseSettings settings, Optional<String> master) {
    String effective =
        master.orElseGet(
            () -> Optional.ofNullable(System.getProperty("spark.master")).orElse(LOCAL));
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("lakehouse-nightly")
            .master(effective)
            .config("spark.sql.session.timeZone", "UTC")
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
            .config("spark.sql.defaultCatalog", settings.catalog().name());
    if (effective.startsWith("local")) {
      builder
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4");
    }
    IcebergCatalogProperties.asSparkConf(settings).forEach(builder::config);
    // every statement reads the table as it is now: the stream commits every few seconds
    builder.config("spark.sql.catalog." + settings.catalog().name() + ".cache-enabled", "false");
    return builder.getOrCreate();
  }
}
