package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.sql.QueryRows;
import dev.lakehouse.sql.SparkSqlRun;
import dev.lakehouse.stack.LocalStack;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Reads the trusted views with Spark (in its own JVM, as an analyst's Spark would) and checks them
 * against the tables read here: per order, exactly the rows of its highest version, with the
 * table's columns. ({@link QueryLayerChecks} runs every view on Trino too.)
 */
final class TrustedViewChecks {
  private TrustedViewChecks() {}

  /**
   * {@code orderIds} filters the views to this test's orders (the stack is shared with other
   * tests).
   */
  static void assertTheViewsHoldTheCurrentRows(
      LocalStack stack,
      Catalog catalog,
      Set<String> orderIds,
      Set<String> statusOrderIds,
      Path work)
      throws Exception {
    assertTheViewsHoldTheCurrentRows(
        stack.config().settingsFile(), catalog, orderIds, statusOrderIds, work);
  }

  /** As above, for the stack whose settings file is {@code settingsFile}. */
  static void assertTheViewsHoldTheCurrentRows(
      Path settingsFile,
      Catalog catalog,
      Set<String> orderIds,
      Set<String> statusOrderIds,
      Path work)
      throws Exception {
    Map<TableIdentifier, Set<String>> idsByTable =
        Map.of(
            TrustedTables.ORDER,
            orderIds,
            TrustedTables.ORDER_STATUS,
            statusOrderIds,
            TrustedTables.ORDER_ITEM,
            orderIds,
            TrustedTables.ORDER_ITEM_GARNISH,
            orderIds);
    Map<String, String> queries = new LinkedHashMap<>();
    for (TableIdentifier table : idsByTable.keySet()) {
      String view = spark(TrustedViews.viewOf(table));
      queries.put(
          table.name(),
          "SELECT order_id, _version, count(*) AS row_count FROM "
              + view
              + " GROUP BY order_id, _version");
      queries.put(table.name() + "_columns", "SELECT * FROM " + view + " LIMIT 0");
    }
    queries.put(
        "order_content",
        "SELECT order_id, merchant_id, CAST(order_total_amount AS STRING) AS total FROM "
            + spark(TrustedViews.viewOf(TrustedTables.ORDER)));
    Map<String, QueryRows> answers =
        SparkSqlRun.run(
            settingsFile,
            queries,
            work.resolve("spark-sql"),
            work.resolve("spark-sql.log"),
            Duration.ofMinutes(5));

    for (Map.Entry<TableIdentifier, Set<String>> entry : idsByTable.entrySet()) {
      TableIdentifier table = entry.getKey();
      Map<String, Long> expected = new TreeMap<>();
      Map<String, Long> highest = new HashMap<>();
      List<Record> rows = TrustedTableReads.all(catalog, table, entry.getValue(), Set.of());
      rows.forEach(
          r ->
              highest.merge(
                  (String) r.getField("order_id"),
                  (Long) r.getField(TrustedTables.VERSION),
                  Math::max));
      for (Record r : rows) {
        if (r.getField(TrustedTables.VERSION)
            .equals(highest.get((String) r.getField("order_id")))) {
          expected.merge(
              r.getField("order_id") + " v" + r.getField(TrustedTables.VERSION), 1L, Long::sum);
        }
      }
      Map<String, Long> viewed = new TreeMap<>();
      QueryRows counts = answers.get(table.name());
      int id = counts.column("order_id");
      int version = counts.column("_version");
      int rowCount = counts.column("row_count");
      for (List<String> row : counts.rows()) {
        if (entry.getValue().contains(row.get(id))) {
          viewed.put(row.get(id) + " v" + row.get(version), Long.parseLong(row.get(rowCount)));
        }
      }
      assertThat(expected).as("%s: versions and rows per order", table).isNotEmpty();
      assertSameEntries(
          table + " through its view: the rows of each order's highest version", expected, viewed);
      List<String> columns =
          catalog.loadTable(table).schema().columns().stream().map(NestedField::name).toList();
      assertThat(answers.get(table.name() + "_columns").columns())
          .as("%s: the view's columns", table)
          .isEqualTo(columns);
    }

    Map<String, String> expectedContent = new TreeMap<>();
    TrustedTableReads.current(catalog, TrustedTables.ORDER, orderIds)
        .forEach(
            (orderId, current) ->
                expectedContent.put(
                    orderId,
                    current.get(0).get("merchant_id")
                        + " "
                        + ((BigDecimal) current.get(0).get("order_total_amount")).toPlainString()));
    Map<String, String> viewedContent = new TreeMap<>();
    QueryRows content = answers.get("order_content");
    int id = content.column("order_id");
    int merchant = content.column("merchant_id");
    int total = content.column("total");
    for (List<String> row : content.rows()) {
      if (orderIds.contains(row.get(id))) {
        viewedContent.put(row.get(id), row.get(merchant) + " " + row.get(total));
      }
    }
    assertSameEntries(
        "trusted.order_current: merchant and total of each order", expectedContent, viewedContent);
  }

  /** Fails with the first differing entries only (the maps hold thousands). */
  private static <V> void assertSameEntries(
      String what, Map<String, V> expected, Map<String, V> actual) {
    List<String> differences = new ArrayList<>();
    expected.forEach(
        (key, value) -> {
          if (!value.equals(actual.get(key))) {
            differences.add(key + ": expected " + value + ", got " + actual.get(key));
          }
        });
    actual.keySet().stream()
        .filter(key -> !expected.containsKey(key))
        .forEach(key -> differences.add(key + ": not expected, got " + actual.get(key)));
    assertThat(differences.subList(0, Math.min(10, differences.size())))
        .as(
            "%s (%d of %d entries differ; the first ten)",
            what, differences.size(), expected.size())
        .isEmpty();
  }

  private static String spark(TableIdentifier id) {
    return id.namespace().level(0) + ".`" + id.name() + "`";
  }
}
