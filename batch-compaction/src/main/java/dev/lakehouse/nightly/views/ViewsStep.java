package dev.lakehouse.nightly.views;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.query.LakeView;
import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.common.query.SqlDialect;
import dev.lakehouse.common.query.TableColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.View;
import org.apache.iceberg.view.ViewRepresentation;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job's views step: generates the query layer's views ({@link LakeViews}) from the
 * trusted tables' current schemas and, where the catalog keeps Iceberg views (JDBC, REST), creates
 * or replaces only those that differ from what the catalog holds, each with its Spark and Trino
 * SQL. A current-row view's columns are its table's, as the Streams app writes it; a datamart's are
 * what Spark derives from its query. A catalog without views (Glue) gets none: its views are the
 * statement files of {@code ./lakehouse views}.
 */
public final class ViewsStep {
  private static final Logger LOG = LoggerFactory.getLogger(ViewsStep.class);
  private static final List<SqlDialect> ICEBERG_DIALECTS =
      List.of(SqlDialect.SPARK, SqlDialect.TRINO);

  private final SparkSession spark;
  private final Catalog catalog;
  private final String catalogName;
  private final boolean dryRun;

  public ViewsStep(SparkSession spark, Catalog catalog, String catalogName, boolean dryRun) {
    this.spark = spark;
    this.catalog = catalog;
    this.catalogName = catalogName;
    this.dryRun = dryRun;
  }

  public List<ViewChange> run() {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (String table : LakeViews.versionedTables().keySet()) {
      TableIdentifier id = TableIdentifier.of(LakeLayout.TRUSTED_NAMESPACE, table);
      try {
        schemas.put(table, catalog.loadTable(id).schema());
      } catch (NoSuchTableException absent) {
        LOG.info("views: {} does not exist (the trusted stage never ran): no views", id);
        return List.of(new ViewChange("*", ViewChange.Action.SKIPPED, id + " does not exist"));
      }
    }
    if (!(catalog instanceof ViewCatalog views)) {
      LOG.info(
          "views: catalog {} keeps no Iceberg views: apply the statements of ./lakehouse views",
          catalogName);
      return List.of(
          new ViewChange("*", ViewChange.Action.SKIPPED, "the catalog keeps no Iceberg views"));
    }
    Map<String, TableColumns> columns =
        LakeViews.trustedColumns(
            table -> schemas.get(table).columns().stream().map(NestedField::name).toList());
    List<ViewChange> changes = new ArrayList<>();
    for (LakeView view : LakeViews.all(columns)) {
      ViewChange change;
      try {
        change = apply(views, view, () -> schemaOf(view, schemas));
      } catch (RuntimeException e) {
        LOG.warn("views: {} could not be applied", view.qualifiedName(), e);
        change = new ViewChange(view.qualifiedName(), ViewChange.Action.FAILED, e.toString());
      }
      LOG.info("views: {} {} ({})", view.qualifiedName(), change.action(), change.reason());
      changes.add(change);
    }
    return changes;
  }

  /** A current-row view has its table's schema; a datamart the one Spark derives. */
  private Schema schemaOf(LakeView view, Map<String, Schema> tables) {
    for (Map.Entry<String, Schema> table : tables.entrySet()) {
      if (view.namespace().equals(LakeLayout.TRUSTED_NAMESPACE)
          && view.name().equals(LakeViews.currentViewName(table.getKey()))) {
        return table.getValue();
      }
    }
    return SparkSchemaUtil.convert(spark.sql(view.query(SqlDialect.SPARK)).schema());
  }

  private ViewChange apply(ViewCatalog views, LakeView view, Supplier<Schema> schemaOf) {
    TableIdentifier id = TableIdentifier.of(view.namespace(), view.name());
    Optional<ViewVersion> held = held(views, id);
    if (dryRun && held.isEmpty()) {
      // a datamart's schema is derived from the views it reads, which a dry run does not create
      return new ViewChange(view.qualifiedName(), ViewChange.Action.CREATED, "no such view");
    }
    Schema schema = schemaOf.get();
    Map<String, String> queries = new LinkedHashMap<>();
    ICEBERG_DIALECTS.forEach(d -> queries.put(d.id(), view.query(d)));
    ViewVersion wanted = new ViewVersion(queries, columns(schema));
    ViewChange change = ViewVersion.decide(view.qualifiedName(), held, wanted);
    if (!change.changed() || dryRun) {
      return change;
    }
    ensureNamespace(Namespace.of(view.namespace()));
    var builder =
        views
            .buildView(id)
            .withSchema(schema)
            .withDefaultCatalog(catalogName)
            .withDefaultNamespace(Namespace.of(view.namespace()))
            .withProperty("comment", view.comment() + "; maintained by the nightly job");
    for (SqlDialect d : ICEBERG_DIALECTS) {
      builder = builder.withQuery(d.id(), view.query(d));
    }
    builder.createOrReplace();
    return change;
  }

  private static Optional<ViewVersion> held(ViewCatalog views, TableIdentifier id) {
    View view;
    try {
      view = views.loadView(id);
    } catch (NoSuchViewException absent) {
      return Optional.empty();
    }
    Map<String, String> queries = new LinkedHashMap<>();
    for (ViewRepresentation representation : view.currentVersion().representations()) {
      if (representation instanceof SQLViewRepresentation sql) {
        queries.put(sql.dialect(), sql.sql());
      }
    }
    return Optional.of(new ViewVersion(queries, columns(view.schema())));
  }

  private static List<String> columns(Schema schema) {
    return schema.columns().stream().map(c -> c.name() + " " + c.type()).toList();
  }

  private void ensureNamespace(Namespace namespace) {
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(namespace)) {
      namespaces.createNamespace(namespace);
      LOG.info("views: created namespace {}", namespace);
    }
  }
}
