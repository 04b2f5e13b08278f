package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.lake.LakeLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the raw tables from the contracts on first start (format v2, partitioned and sorted), and
 * on later starts adds every contract field the table lacks as a nullable column: schema evolution
 * without rewriting data. Columns are never dropped or retyped here.
 */
public final class RawTableCatalog {
  public static final Namespace NAMESPACE = Namespace.of(LakeLayout.RAW_NAMESPACE);
  private static final Logger LOG = LoggerFactory.getLogger(RawTableCatalog.class);

  private RawTableCatalog() {}

  public static TableIdentifier identifier(DatasetContract dataset) {
    return TableIdentifier.of(NAMESPACE, RawTables.tableName(dataset));
  }

  /** Ensures the table of each dataset exists with every contract column; returns them. */
  public static List<Table> ensure(Catalog catalog, List<DatasetContract> datasets) {
    List<Table> tables = new ArrayList<>();
    for (DatasetContract dataset : datasets) {
      tables.add(ensure(catalog, dataset, RawTables.schema(dataset)));
    }
    return tables;
  }

  static Table ensure(Catalog catalog, DatasetContract dataset, Schema wanted) {
    return ensureTable(
        catalog,
        identifier(dataset),
        wanted,
        RawTableLayout.spec(dataset, wanted),
        RawTableLayout.sortOrder(dataset, wanted),
        RawTableLayout.plainEncoded(RawTableLayout.uniqueValuedColumns(dataset)));
  }

  /**
   * The columns the raw table of {@code dataset} writes without a Parquet dictionary (see {@link
   * RawTableLayout}).
   */
  public static List<String> plainEncodedColumns(DatasetContract dataset) {
    return RawTableLayout.uniqueValuedColumns(dataset);
  }

  /**
   * A table laid out like the raw table of {@code dataset} (partition spec, sort order, write
   * properties) but with another identifier and schema: what a benchmark gives another writer so
   * that both write the same layout. The schema must hold the columns the layout names.
   */
  public static Table ensureLike(
      Catalog catalog, TableIdentifier id, DatasetContract dataset, Schema schema) {
    List<String> plain =
        RawTableLayout.uniqueValuedColumns(dataset).stream()
            .filter(c -> schema.findField(c) != null)
            .toList();
    return ensureTable(
        catalog,
        id,
        schema,
        RawTableLayout.spec(dataset, schema),
        RawTableLayout.sortOrder(dataset, schema),
        RawTableLayout.plainEncoded(plain));
  }

  /**
   * Creates a table (format v2, Parquet with zstd, plus {@code writeProperties}) when it does not
   * exist, else adds the columns of {@code wanted} it lacks as nullable columns and sets the write
   * properties it lacks or holds with another value. Safe when several instances start at once.
   */
  public static Table ensureTable(
      Catalog catalog,
      TableIdentifier id,
      Schema wanted,
      PartitionSpec spec,
      SortOrder sortOrder,
      Map<String, String> writeProperties) {
    Map<String, String> properties =
        new LinkedHashMap<>(
            Map.of(
                "format-version", "2",
                "write.format.default", "parquet",
                "write.parquet.compression-codec", "zstd",
                "write.metadata.delete-after-commit.enabled", "true",
                "write.metadata.previous-versions-max", "50"));
    properties.putAll(writeProperties);
    ensureNamespace(catalog, id.namespace());
    if (!catalog.tableExists(id)) {
      try {
        Table created =
            catalog
                .buildTable(id, wanted)
                .withPartitionSpec(spec)
                .withSortOrder(sortOrder)
                .withProperties(properties)
                .create();
        LOG.info(
            "created table {} ({} columns, partitioned by {})",
            id,
            wanted.columns().size(),
            created.spec());
        return created;
      } catch (AlreadyExistsException raced) {
        // another instance created it first: evolve it like any existing table
      }
    }
    Table table = catalog.loadTable(id);
    addMissingColumns(table, wanted);
    updateWriteProperties(table, writeProperties);
    return table;
  }

  private static void updateWriteProperties(Table table, Map<String, String> writeProperties) {
    Map<String, String> changed = new LinkedHashMap<>();
    writeProperties.forEach(
        (key, value) -> {
          if (!value.equals(table.properties().get(key))) {
            changed.put(key, value);
          }
        });
    if (changed.isEmpty()) {
      return;
    }
    UpdateProperties update = table.updateProperties();
    changed.forEach(update::set);
    update.commit();
    LOG.info("table {}: set write properties {}", table.name(), changed.keySet());
  }

  private static void ensureNamespace(Catalog catalog, Namespace namespace) {
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException raced) {
        // another instance created it first
      }
    }
  }

  private static void addMissingColumns(Table table, Schema wanted) {
    Schema current = table.schema();
    List<Types.NestedField> missing =
        wanted.columns().stream().filter(f -> current.findField(f.name()) == null).toList();
    if (missing.isEmpty()) {
      return;
    }
    UpdateSchema update = table.updateSchema();
    for (Types.NestedField field : missing) {
      update.addColumn(field.name(), field.type(), field.doc());
    }
    update.commit();
    LOG.info(
        "table {}: added nullable column(s) {}",
        table.name(),
        missing.stream().map(Types.NestedField::name).toList());
  }
}
