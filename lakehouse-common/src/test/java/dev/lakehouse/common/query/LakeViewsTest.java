package dev.lakehouse.common.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeViewsTest {
  private static final List<String> ORDER =
      List.of(
          "order_id",
          "order_local_date",
          "merchant_id",
          "delivery_address_state",
          "order_total_amount",
          "last_status",
          "last_status_at",
          "_version",
          "_versioned_at");
  private static final List<String> STATUS =
      List.of(
          "order_id",
          "registered_at",
          "placed_at",
          "concluded_at",
          "cancelled_at",
          "last_status",
          "last_status_at",
          "_version");
  private static final List<String> ITEM =
      List.of("order_id", "order_local_date", "item_position", "name", "total_value", "_version");
  private static final List<String> GARNISH =
      List.of("order_id", "item_position", "garnish_position", "name", "_version");

  private static Map<String, TableColumns> trusted(List<String> orderColumns) {
    return Map.of(
        "order", new TableColumns("trusted", "order", orderColumns),
        "order_status", new TableColumns("trusted", "order_status", STATUS),
        "order_item", new TableColumns("trusted", "order_item", ITEM),
        "order_item_garnish", new TableColumns("trusted", "order_item_garnish", GARNISH));
  }

  private static LakeView named(List<LakeView> views, String qualifiedName) {
    return views.stream()
        .filter(v -> v.qualifiedName().equals(qualifiedName))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void currentViewsComeFirstThenTheDatamartsThatReadThem() {
    List<LakeView> views = LakeViews.all(trusted(ORDER));
    assertThat(views)
        .extracting(LakeView::qualifiedName)
        .containsExactly(
            "trusted.order_current",
            "trusted.order_status_current",
            "trusted.order_item_current",
            "trusted.order_item_garnish_current",
            "mart.orders",
            "mart.order_items",
            "mart.order_statuses",
            "mart.daily_orders");
  }

  @Test
  void eachDialectNamesTheLakeItsOwnWay() {
    LakeView order = named(LakeViews.all(trusted(ORDER)), "trusted.order_current");
    assertThat(order.query(SqlDialect.SPARK))
        .isEqualTo(
            "SELECT `order_id`, `order_local_date`, `merchant_id`, `delivery_address_state`, `order_total_amount`,"
                + " `last_status`, `last_status_at`, `_version`, `_versioned_at` FROM (SELECT t.*, row_number()"
                + " OVER (PARTITION BY `order_id` ORDER BY `_version` DESC) AS `_current_rank` FROM"
                + " `trusted`.`order` t) v WHERE `_current_rank` = 1");
    assertThat(order.query(SqlDialect.TRINO))
        .contains("FROM \"awsdatacatalog\".\"trusted\".\"order\" t");
    assertThat(order.query(SqlDialect.REDSHIFT)).contains("FROM \"lake_trusted\".\"order\" t");
    LakeView items = named(LakeViews.all(trusted(ORDER)), "trusted.order_item_current");
    assertThat(items.query(SqlDialect.SPARK))
        .contains("max(`_version`) OVER (PARTITION BY `order_id`) AS `_current_version`")
        .endsWith("WHERE `_version` = `_current_version`");
  }

  @Test
  void theOrdersMartTakesTheStatusColumnsFromTheStatusTable() {
    LakeView orders = named(LakeViews.all(trusted(ORDER)), "mart.orders");
    String trino = orders.query(SqlDialect.TRINO);
    assertThat(trino)
        .startsWith("SELECT b.\"order_id\", b.\"order_local_date\", b.\"merchant_id\"")
        .contains("x.\"last_status\", x.\"last_status_at\"")
        .doesNotContain("b.\"last_status\"")
        .doesNotContain("x.\"_version\"")
        .contains(
            "FROM \"awsdatacatalog\".\"trusted\".\"order_current\" b LEFT JOIN"
                + " \"awsdatacatalog\".\"trusted\".\"order_status_current\" x ON x.\"order_id\" = b.\"order_id\"");
    // Redshift's late-binding view reads the external tables, through the current view's query
    assertThat(orders.query(SqlDialect.REDSHIFT))
        .contains("FROM (SELECT \"order_id\"")
        .contains(
            "FROM \"lake_trusted\".\"order\" t) v WHERE \"_current_rank\" = 1) b LEFT JOIN (");
  }

  @Test
  void aNewColumnOfATableReachesEveryViewBuiltOnIt() {
    List<String> more = new ArrayList<>(ORDER);
    more.add("tip_amount");
    List<LakeView> views = LakeViews.all(trusted(more));
    for (String name : List.of("trusted.order_current", "mart.orders", "mart.order_items")) {
      for (SqlDialect d : SqlDialect.values()) {
        assertThat(named(views, name).query(d)).as("%s in %s", name, d).contains("tip_amount");
      }
    }
    assertThat(named(views, "mart.order_items").query(SqlDialect.SPARK))
        .as("the item's own columns win; the order adds the others")
        .contains("b.`order_local_date`")
        .doesNotContain("x.`order_local_date`")
        .contains("x.`merchant_id`");
  }

  @Test
  void dailyOrdersCountsCancellationsAndLeavesThemOutOfTheRevenue() {
    String spark =
        named(LakeViews.all(trusted(ORDER)), "mart.daily_orders").query(SqlDialect.SPARK);
    assertThat(spark)
        .contains("count(*) AS `orders`")
        .contains(
            "sum(CASE WHEN s.`last_status` = 'CANCELLED' THEN 1 ELSE 0 END) AS `cancelled_orders`")
        .contains(
            "CAST(sum(CASE WHEN s.`last_status` = 'CANCELLED' THEN NULL ELSE o.`order_total_amount` END)"
                + " AS DECIMAL(38, 2)) AS `revenue`")
        .endsWith("GROUP BY o.`order_local_date`, o.`delivery_address_state`, o.`merchant_id`");
  }

  @Test
  void aMissingTableOrAQuoteInANameIsRefusedOrEscaped() {
    assertThatThrownBy(() -> LakeViews.all(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trusted.order");
    assertThat(SqlDialect.TRINO.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(SqlDialect.SPARK.quote("a`b")).isEqualTo("`a``b`");
  }

  @Test
  void theStatementFilesWrapEachViewForItsEngine() {
    List<LakeView> views = LakeViews.all(trusted(ORDER));
    String athena = ViewStatements.athena(views);
    assertThat(athena)
        .contains("CREATE DATABASE IF NOT EXISTS `trusted`;")
        .contains("CREATE DATABASE IF NOT EXISTS `mart`;")
        .contains("CREATE OR REPLACE VIEW \"mart\".\"daily_orders\" AS\nSELECT ");
    String redshift =
        ViewStatements.redshift(
            views,
            new ViewStatements.RedshiftTarget(
                "lakehouse_trusted", "arn:aws:iam::123456789012:role/spectrum", "sa-east-1"));
    assertThat(redshift)
        .contains(
            "CREATE EXTERNAL SCHEMA IF NOT EXISTS \"lake_trusted\"\nFROM DATA CATALOG\nDATABASE 'lakehouse_trusted'\n"
                + "IAM_ROLE 'arn:aws:iam::123456789012:role/spectrum'\nREGION 'sa-east-1';")
        .contains("CREATE SCHEMA IF NOT EXISTS \"mart\";")
        .contains("\nWITH NO SCHEMA BINDING;");
    assertThat(redshift.split("WITH NO SCHEMA BINDING;", -1)).hasSize(views.size() + 1);
    assertThatThrownBy(() -> new ViewStatements.RedshiftTarget("db", "role'x", "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
