package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.common.query.SqlDialect;
import dev.lakehouse.common.query.TableColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.View;
import org.apache.iceberg.view.ViewRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path of the trusted tables as Iceberg views: {@code trusted.<table>_current} holds, per
 * order, the rows of its highest {@code _version} (see docs/trusted-tables.md). Each view carries
 * the same query in the Spark and the Trino dialect (Athena engine v3 speaks Trino's), with the
 * table's columns listed, so its schema is the table's. A view is replaced when its table gained
 * columns, else left as it is: a restart adds no view version. A catalog that keeps no views (AWS
 * Glue) gets none; its readers use the same queries from the docs.
 */
public final class TrustedViews {
  public static final String SPARK = SqlDialect.SPARK.id();
  public static final String TRINO = SqlDialect.TRINO.id();
  public static final String SUFFIX = LakeViews.CURRENT_SUFFIX;
  private static final int ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(TrustedViews.class);

  private TrustedViews() {}

  /** The view over {@code table}: the same namespace, {@value #SUFFIX} added to its name. */
  public static TableIdentifier viewOf(TableIdentifier table) {
    return TableIdentifier.of(table.namespace(), table.name() + SUFFIX);
  }

  /** The versioned trusted tables, each with the shape of its view. */
  static Map<TableIdentifier, LakeViews.Shape> versionedTables() {
    Map<TableIdentifier, LakeViews.Shape> tables = new LinkedHashMap<>();
    for (TableIdentifier table :
        List.of(
            TrustedTables.ORDER,
            TrustedTables.ORDER_STATUS,
            TrustedTables.ORDER_ITEM,
            TrustedTables.ORDER_ITEM_GARNISH)) {
      tables.put(table, LakeViews.versionedTables().get(table.name()));
    }
    return tables;
  }

  /**
   * Creates or updates the view of every versioned trusted table when the catalog keeps views;
   * returns the views it holds afterwards (none when it keeps no views).
   *
   * @param schemas the current schema of each versioned table, as the caller just loaded or created
   *     it
   */
  public static List<TableIdentifier> ensure(
      Catalog catalog, Map<TableIdentifier, Schema> schemas) {
    if (!(catalog instanceof ViewCatalog views)) {
      LOG.info(
          "catalog {} keeps no Iceberg views: read the trusted tables' current rows with the queries of docs/trusted-tables.md",
          catalog.name());
      return List.of();
    }
    List<TableIdentifier> ensured = new ArrayList<>();
    try {
      for (Map.Entry<TableIdentifier, LakeViews.Shape> entry : versionedTables().entrySet()) {
        ensure(
            views, catalog.name(), entry.getKey(), schemas.get(entry.getKey()), entry.getValue());
        ensured.add(viewOf(entry.getKey()));
      }
    } catch (UnsupportedOperationException noViews) {
      // a REST catalog whose server does not offer the view endpoints
      LOG.info(
          "catalog {} serves no Iceberg views ({}): read the trusted tables' current rows with the queries of docs/trusted-tables.md",
          catalog.name(),
          noViews.getMessage());
      return List.of();
    }
    return ensured;
  }

  private static void ensure(
      ViewCatalog views,
      String catalogName,
      TableIdentifier tableId,
      Schema schema,
      LakeViews.Shape shape) {
    TableIdentifier viewId = viewOf(tableId);
    Map<String, String> queries =
        Map.of(
            SPARK,
            sql(tableId, schema, shape, SqlDialect.SPARK),
            TRINO,
            sql(tableId, schema, shape, SqlDialect.TRINO));
    for (int attempt = 1; ; attempt++) {
      Optional<View> existing = load(views, viewId);
      if (existing.isPresent() && holds(existing.get(), schema, queries)) {
        return;
      }
      try {
        views
            .buildView(viewId)
            .withSchema(schema)
            .withDefaultCatalog(catalogName)
            .withDefaultNamespace(tableId.namespace())
            .withQuery(SPARK, queries.get(SPARK))
            .withQuery(TRINO, queries.get(TRINO))
            .withProperty(
                "comment",
                "the current rows of "
                    + tableId
                    + " (the highest _version per order_id); maintained by the Streams app")
            .createOrReplace();
        LOG.info(
            "{} view {} ({} columns)",
            existing.isPresent() ? "replaced" : "created",
            viewId,
            schema.columns().size());
        return;
      } catch (AlreadyExistsException | CommitFailedException raced) {
        // another instance wrote the view at the same moment: look again
        if (attempt == ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  private static Optional<View> load(ViewCatalog views, TableIdentifier id) {
    try {
      return Optional.of(views.loadView(id));
    } catch (NoSuchViewException absent) {
      return Optional.empty();
    }
  }

  private static boolean holds(View view, Schema schema, Map<String, String> queries) {
    if (!view.schema().sameSchema(schema)) {
      return false;
    }
    Map<String, String> held = new LinkedHashMap<>();
    for (ViewRepresentation representation : view.currentVersion().representations()) {
      if (representation instanceof SQLViewRepresentation sql) {
        held.put(sql.dialect(), sql.sql());
      }
    }
    return held.equals(queries);
  }

  /** The view's query in {@code dialect}, as {@link LakeViews#current} writes it. */
  static String sql(
      TableIdentifier table, Schema schema, LakeViews.Shape shape, SqlDialect dialect) {
    TableColumns columns =
        new TableColumns(
            table.namespace().level(0),
            table.name(),
            schema.columns().stream().map(c -> c.name()).toList());
    return LakeViews.current(columns, shape).query(dialect);
  }
}
