package dev.lakehouse.trino;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.settings.S3Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Trino catalog file ({@code etc/catalog/awsdatacatalog.properties}) that reads the lake: the
 * Iceberg connector on a REST catalog, with Trino's own S3 file system on the lake's endpoint. The
 * catalog is named {@value #NAME}, Athena's default, so that Athena-style names ({@code
 * awsdatacatalog.trusted.order_current}) resolve unchanged here.
 */
public final class TrinoCatalogProperties {
  public static final String NAME = LakeLayout.QUERY_CATALOG;

  private TrinoCatalogProperties() {}

  /**
   * @param restUri the Iceberg REST catalog that serves the lake's tables and views
   */
  public static Map<String, String> of(String restUri, S3Settings s3) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("connector.name", "iceberg");
    props.put("iceberg.catalog.type", "rest");
    props.put("iceberg.rest-catalog.uri", restUri);
    props.put("iceberg.rest-catalog.view-endpoints-enabled", "true");
    // the tables' own format and compression stand; Trino only reads here
    props.put("fs.native-s3.enabled", "true");
    props.put("s3.region", s3.region());
    s3.endpoint().ifPresent(endpoint -> props.put("s3.endpoint", endpoint.toString()));
    props.put("s3.path-style-access", Boolean.toString(s3.pathStyleAccess()));
    s3.accessKeyId().ifPresent(key -> props.put("s3.aws-access-key", key));
    s3.secretAccessKey().ifPresent(secret -> props.put("s3.aws-secret-key", secret));
    return props;
  }
}
