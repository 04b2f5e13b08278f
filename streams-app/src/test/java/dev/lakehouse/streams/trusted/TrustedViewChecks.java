package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.process.SparkJvm;
import dev.lakehouse.stack.LocalStack;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * table's columns. The same queries then run on a real Trino through the views' Trino dialect (what
 * Athena reads), which must give Spark's answers row for row.
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
    // each query in Spark's and in Trino's SQL: {spark, trino}
    Map<String, String[]> queries = new LinkedHashMap<>();
    for (TableIdentifier table : idsByTable.keySet()) {
      TableIdentifier view = TrustedViews.viewOf(table);
      String perVersion =
          "SELECT order_id, _version, count(*) AS row_count FROM %s GROUP BY order_id, _version";
      queries.put(
          table.name(),
          new String[] {perVersion.formatted(spark(view)), perVersion.formatted(trino(view))});
      queries.put(
          table.name() + "_columns",
          new String[] {
            "SELECT * FROM " + spark(view) + " LIMIT 0", "SELECT * FROM " + trino(view) + " LIMIT 0"
          });
    }
    String content =
        "SELECT order_id, merchant_id, CAST(order_total_amount AS %s) AS total FROM %s";
    TableIdentifier orderView = TrustedViews.viewOf(TrustedTables.ORDER);
    queries.put(
        "order_content",
        new String[] {
          content.formatted("STRING", spark(orderView)),
          content.formatted("VARCHAR", trino(orderView))
        });
    Path out = work.resolve("spark-sql");
    List<String> args =
        new ArrayList<>(List.of("--config", settingsFile.toString(), "--out", out.toString()));
    queries.forEach((name, sql) -> args.addAll(List.of("--query", name + "=" + sql[0])));
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
    assertTrinoAnswersAsSpark(settingsFile, catalog, queries, out, work);

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

  /**
   * Runs each query on a real Trino (the views' Trino dialect, as Athena reads them) and requires
   * Spark's answer from it, row for row and with the same columns.
   */
  private static void assertTrinoAnswersAsSpark(
      Path settingsFile, Catalog catalog, Map<String, String[]> queries, Path sparkOut, Path work)
      throws Exception {
    try (TrinoReads trino = TrinoReads.start(settingsFile, catalog, work.resolve("trino"))) {
      for (Map.Entry<String, String[]> query : queries.entrySet()) {
        String name = query.getKey();
        List<String> columns = Files.readAllLines(sparkOut.resolve(name + ".columns"));
        assertThat(trino.columns(query.getValue()[1]))
            .as("%s: Trino's columns", name)
            .isEqualTo(columns);
        List<String> fromSpark = new ArrayList<>();
        for (JsonNode row : rows(sparkOut.resolve(name + ".jsonl"))) {
          List<String> values = new ArrayList<>();
          // Spark's JSON leaves out null fields
          columns.forEach(c -> values.add(row.hasNonNull(c) ? row.get(c).asText() : null));
          fromSpark.add(String.valueOf(values));
        }
        List<String> fromTrino = new ArrayList<>();
        trino.rows(query.getValue()[1]).forEach(row -> fromTrino.add(String.valueOf(row)));
        Collections.sort(fromSpark);
        Collections.sort(fromTrino);
        assertThat(fromTrino.size())
            .as("%s: rows from Trino and from Spark", name)
            .isEqualTo(fromSpark.size());
        assertSameEntries(
            name + ": Trino's rows against Spark's", counted(fromSpark), counted(fromTrino));
      }
    }
  }

  private static Map<String, Long> counted(List<String> rows) {
    Map<String, Long> counts = new TreeMap<>();
    rows.forEach(row -> counts.merge(row, 1L, Long::sum));
    return counts;
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

  private static String trino(TableIdentifier id) {
    return LakeLayout.QUERY_CATALOG + "." + id.namespace().level(0) + ".\"" + id.name() + "\"";
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
