package dev.lakehouse.iceberg;

import dev.lakehouse.common.settings.IcebergCatalogProperties;
import dev.lakehouse.common.settings.LakehouseSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/** Opens the catalog the settings describe, exactly as every other engine of the project does. */
public final class LakehouseCatalogs {
  private LakehouseCatalogs() {}

  public static Catalog open(LakehouseSettings settings) {
    Configuration hadoopConf = new Configuration(false);
    return CatalogUtil.buildIcebergCatalog(
        settings.catalog().name(), IcebergCatalogProperties.of(settings), hadoopConf);
  }
}
