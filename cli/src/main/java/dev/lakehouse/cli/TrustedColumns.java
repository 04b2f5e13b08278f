package dev.lakehouse.cli;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.common.query.TableColumns;
import dev.lakehouse.streams.trusted.TrustedTables;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The trusted tables' columns that the views are generated from: the catalog's when a table exists
 * (it may have gained columns), else the schema the Streams app would create it with.
 */
final class TrustedColumns {
  private TrustedColumns() {}

  static Map<String, TableColumns> of(Catalog catalog) {
    return LakeViews.trustedColumns(
        table -> {
          Schema schema;
          try {
            schema =
                catalog.loadTable(TableIdentifier.of(LakeLayout.TRUSTED_NAMESPACE, table)).schema();
          } catch (NoSuchTableException absent) {
            schema = TrustedTables.versionedSchema(table);
          }
          return schema.columns().stream().map(NestedField::name).toList();
        });
  }
}
