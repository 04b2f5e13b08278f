package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.View;
import org.junit.jupiter.api.Test;

class TrustedViewsTest {

  /** The trusted tables as a start of the app leaves them: created, with their views. */
  private static InMemoryCatalog catalogWithTrustedTables() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("lakehouse", Map.of());
    TrustedTableCatalog.ensure(catalog);
    return catalog;
  }

  private static Map<TableIdentifier, Schema> currentSchemas(InMemoryCatalog catalog) {
    Map<TableIdentifier, Schema> schemas = new LinkedHashMap<>();
    TrustedViews.versionedTables()
        .keySet()
        .forEach(id -> schemas.put(id, catalog.loadTable(id).schema()));
    return schemas;
  }

  @Test
  void everyVersionedTableGetsAViewWithItsColumnsInBothDialects() {
    InMemoryCatalog catalog = catalogWithTrustedTables();

    List<TableIdentifier> views = TrustedViews.ensure(catalog, currentSchemas(catalog));

    assertThat(views)
        .containsExactly(
            TableIdentifier.of("trusted", "order_current"),
            TableIdentifier.of("trusted", "order_status_current"),
            TableIdentifier.of("trusted", "order_item_current"),
            TableIdentifier.of("trusted", "order_item_garnish_current"));
    for (TableIdentifier table :
        List.of(
            TrustedTables.ORDER,
            TrustedTables.ORDER_STATUS,
            TrustedTables.ORDER_ITEM,
            TrustedTables.ORDER_ITEM_GARNISH)) {
      View view = catalog.loadView(TrustedViews.viewOf(table));
      assertThat(view.schema().sameSchema(catalog.loadTable(table).schema()))
          .as("%s: the table's schema", table)
          .isTrue();
      assertThat(view.currentVersion().defaultNamespace().level(0)).isEqualTo("trusted");
      assertThat(view.currentVersion().defaultCatalog()).isEqualTo("lakehouse");
      assertThat(view.currentVersion().representations())
          .extracting(r -> ((SQLViewRepresentation) r).dialect())
          .containsExactlyInAnyOrder("spark", "trino");
    }
  }

  @Test
  void aRestartAddsNoViewVersionAndANewColumnReplacesTheView() {
    InMemoryCatalog catalog = catalogWithTrustedTables();
    TableIdentifier orderView = TrustedViews.viewOf(TrustedTables.ORDER);
    int first = catalog.loadView(orderView).currentVersion().versionId();

    TrustedTableCatalog.ensure(catalog);
    assertThat(catalog.loadView(orderView).currentVersion().versionId())
        .as("unchanged tables: the same view version")
        .isEqualTo(first);

    catalog
        .loadTable(TrustedTables.ORDER)
        .updateSchema()
        .addColumn("tip_amount", Types.DecimalType.of(12, 2))
        .commit();
    TrustedTableCatalog.ensure(catalog);
    View replaced = catalog.loadView(orderView);
    assertThat(replaced.currentVersion().versionId()).isGreaterThan(first);
    assertThat(replaced.schema().findField("tip_amount")).isNotNull();
    assertThat(((SQLViewRepresentation) replaced.currentVersion().representations().get(0)).sql())
        .contains("tip_amount");
  }

  @Test
  void oneRowPerOrderTakesTheHighestVersionAndItemViewsKeepEveryRowOfIt() {
    InMemoryCatalog catalog = catalogWithTrustedTables();
    String order =
        TrustedViews.sql(
            TrustedTables.ORDER,
            catalog.loadTable(TrustedTables.ORDER).schema(),
            dev.lakehouse.common.query.LakeViews.Shape.ONE_ROW_PER_ORDER,
            dev.lakehouse.common.query.SqlDialect.TRINO);
    assertThat(order)
        .startsWith("SELECT \"order_id\", \"order_local_date\", ")
        .contains(
            "FROM (SELECT t.*, row_number() OVER (PARTITION BY \"order_id\" ORDER BY \"_version\" DESC) AS \"_current_rank\" "
                + "FROM \"awsdatacatalog\".\"trusted\".\"order\" t) v WHERE \"_current_rank\" = 1")
        .doesNotContain("SELECT \"_current_rank\"");
    String items =
        TrustedViews.sql(
            TrustedTables.ORDER_ITEM,
            catalog.loadTable(TrustedTables.ORDER_ITEM).schema(),
            dev.lakehouse.common.query.LakeViews.Shape.ROWS_OF_THE_HIGHEST_VERSION,
            dev.lakehouse.common.query.SqlDialect.SPARK);
    assertThat(items)
        .contains(
            "max(`_version`) OVER (PARTITION BY `order_id`) AS `_current_version` FROM `trusted`.`order_item` t) v "
                + "WHERE `_version` = `_current_version`");
  }
}
