package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.process.SparkJvm;
import dev.lakehouse.stack.LocalStack;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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
    Path out = work.resolve("spark-sql");
    List<String> args =
        new ArrayList<>(List.of("--config", settingsFile.toString(), "--out", out.toString()));
    for (TableIdentifier table : idsByTable.keySet()) {
      String view = spark(TrustedViews.viewOf(table));
      args.addAll(
          List.of(
              "--query",
              table.name()
                  + "=SELECT order_id, _version, count(*) AS row_count FROM "
                  + view
                  + " GROUP BY order_id, _version"));
      args.addAll(List.of("--query", table.name() + "_columns=SELECT * FROM " + view + " LIMIT 0"));
    }
    args.addAll(
        List.of(
            "--query",
            "order_content=SELECT order_id, merchant_id, CAST(order_total_amount AS STRING) AS total FROM "
                + spark(TrustedViews.viewOf(TrustedTables.ORDER))));
    try (ChildJvm spark =
        ChildJvm.start(
            new ChildJvm.Spec(
                "spark-sql",
                LakehouseHome.fromEnvironment().moduleClasspath("batch-compaction"),
                SparkJvm.OPTIONS,
                "dev.lakehouse.nightly.SqlQueries",
                args,
                work.resolve("spark-sql.log")))) {
      OptionalInt exit = spark.waitFor(Duration.ofMinutes(5));
      assertThat(exit).as("Spark SQL exit code; log:%n%s", spark.logTail(60)).hasValue(0);
    }

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
      for (JsonNode row : rows(out.resolve(table.name() + ".jsonl"))) {
        if (entry.getValue().contains(row.get("order_id").asText())) {
          viewed.put(
              row.get("order_id").asText() + " v" + row.get("_version").asLong(),
              row.get("row_count").asLong());
        }
      }
      assertThat(expected).as("%s: versions and rows per order", table).isNotEmpty();
      assertSameEntries(
          table + " through its view: the rows of each order's highest version", expected, viewed);
      List<String> columns =
          catalog.loadTable(table).schema().columns().stream().map(NestedField::name).toList();
      assertThat(Files.readAllLines(out.resolve(table.name() + "_columns.columns")))
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
    for (JsonNode row : rows(out.resolve("order_content.jsonl"))) {
      if (orderIds.contains(row.get("order_id").asText())) {
        viewedContent.put(
            row.get("order_id").asText(),
            row.get("merchant_id").asText() + " " + row.get("total").asText());
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

  private static List<JsonNode> rows(Path jsonLines) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(jsonLines)) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }
}
