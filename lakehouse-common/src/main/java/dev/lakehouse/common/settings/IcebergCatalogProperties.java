package dev.lakehouse.common.settings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Iceberg catalog properties (as {@code CatalogUtil.buildIcebergCatalog} and Spark's {@code
 * spark.sql.catalog.<name>.*} take them) derived from the settings, so that every engine opens the
 * same catalog the same way.
 */
public final class IcebergCatalogProperties {
  private IcebergCatalogProperties() {}

  public static Map<String, String> of(LakehouseSettings settings) {
    Map<String, String> props = new LinkedHashMap<>();
    CatalogSettings catalog = settings.catalog();
    props.put("catalog-impl", catalog.type().implementation());
    catalog.uri().ifPresent(uri -> props.put("uri", uri));
    props.put("warehouse", catalog.warehouse());
    if (catalog.type() == CatalogType.JDBC) {
      // Several processes share one SQLite file: wait for locks rather than fail at once.
      props.put("jdbc.busy_timeout", "30000");
      props.put("jdbc.journal_mode", "WAL");
      props.put("jdbc.schema-version", "V1");
    }
    props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    S3Settings s3 = settings.s3();
    props.put("client.region", s3.region());
    s3.endpoint().ifPresent(uri -> props.put("s3.endpoint", uri.toString()));
    s3.accessKeyId().ifPresent(v -> props.put("s3.access-key-id", v));
    s3.secretAccessKey().ifPresent(v -> props.put("s3.secret-access-key", v));
    props.put("s3.path-style-access", Boolean.toString(s3.pathStyleAccess()));
    return props;
  }

  /** The same properties as Spark session configuration for a catalog named after the settings. */
  public static Map<String, String> asSparkConf(LakehouseSettings settings) {
    String prefix = "spark.sql.catalog." + settings.catalog().name();
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    of(settings).forEach((key, value) -> conf.put(prefix + "." + key, value));
    return conf;
  }
}
