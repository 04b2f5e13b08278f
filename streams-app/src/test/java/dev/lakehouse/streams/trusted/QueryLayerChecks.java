package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.query.LakeView;
import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.common.query.SqlDialect;
import dev.lakehouse.common.query.TableColumns;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.sql.QueryRows;
import dev.lakehouse.sql.SparkSqlRun;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The query layer on two real engines: every view of {@link LakeViews} ({@code SELECT *}) and every
 * example query of {@code docs/query.md} (its {@code ```sql} blocks) run on Spark (its own JVM) and
 * on Trino (the views' Trino dialect, as Athena reads them), which must answer alike, row for row.
 * Values are compared as text after one normalisation of what the engines print differently:
 * numbers by value, timestamps as instants (to the millisecond, Spark's JSON precision).
 */
final class QueryLayerChecks {
  private static final Pattern SQL_BLOCK = Pattern.compile("(?s)```sql\\n(.*?)```");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?(Z| UTC|[+-]\\d{2}:\\d{2})$");
  private static final Pattern NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$");

  private QueryLayerChecks() {}

  /** The example queries of docs/query.md, in their order. */
  static List<String> docExamples() throws Exception {
    Path doc = LakehouseHome.fromEnvironment().root().resolve("docs").resolve("query.md");
    Matcher blocks = SQL_BLOCK.matcher(Files.readString(doc, StandardCharsets.UTF_8));
    List<String> queries = new ArrayList<>();
    while (blocks.find()) {
      queries.add(blocks.group(1).trim().replaceAll(";$", ""));
    }
    return queries;
  }

  /**
   * Runs every view and every doc example on both engines (Spark in a JVM of its own, {@code trino}
   * already running), requires equal answers, and returns them (each query's normalised rows,
   * sorted), keyed by query name.
   */
  static Map<String, List<String>> assertBothEnginesAgree(
      Path settingsFile, Catalog catalog, TrinoReads trinoReads, Path work) throws Exception {
    Map<String, String[]> queries = new LinkedHashMap<>();
    for (LakeView view : LakeViews.all(trustedColumns(catalog))) {
      queries.put(
          view.namespace() + "_" + view.name(),
          new String[] {
            "SELECT * FROM " + SqlDialect.SPARK.view(view.namespace(), view.name()),
            "SELECT * FROM " + SqlDialect.TRINO.view(view.namespace(), view.name())
          });
    }
    List<String> examples = docExamples();
    assertThat(examples).as("example queries in docs/query.md").hasSizeGreaterThanOrEqualTo(3);
    for (int i = 0; i < examples.size(); i++) {
      queries.put("doc_example_" + (i + 1), new String[] {examples.get(i), examples.get(i)});
    }

    Map<String, String> onSpark = new LinkedHashMap<>();
    queries.forEach((name, sql) -> onSpark.put(name, sql[0]));
    // Spark in its JVM while Trino answers: the two engines' work overlaps
    CompletableFuture<Map<String, QueryRows>> spark =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return SparkSqlRun.run(
                    settingsFile,
                    onSpark,
                    work.resolve("spark-sql"),
                    work.resolve("spark-sql.log"),
                    Duration.ofMinutes(5));
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    Map<String, QueryRows> trinoAnswers = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String[]> query : queries.entrySet()) {
        trinoAnswers.put(query.getKey(), trinoReads.query(query.getValue()[1]));
      }
    } catch (Exception | Error e) {
      try {
        spark.join(); // its JVM ends before the test goes on
      } catch (CompletionException ignored) {
        // the Trino failure is the one to report
      }
      throw e;
    }
    Map<String, QueryRows> sparkAnswers;
    try {
      sparkAnswers = spark.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }

    Map<String, List<String>> answers = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> query : queries.entrySet()) {
      String name = query.getKey();
      QueryRows fromSparkRows = sparkAnswers.get(name);
      QueryRows trino = trinoAnswers.get(name);
      assertThat(trino.columns())
          .as("%s: Trino's columns", name)
          .isEqualTo(fromSparkRows.columns());
      List<String> fromSpark = normalized(fromSparkRows);
      List<String> fromTrino = normalized(trino);
      assertThat(fromTrino).as("%s: Trino's rows against Spark's", name).isEqualTo(fromSpark);
      answers.put(name, fromSpark);
    }
    return answers;
  }

  /** Each row normalised as text, the rows sorted. */
  private static List<String> normalized(QueryRows answer) {
    List<String> rows = new ArrayList<>();
    for (List<String> row : answer.rows()) {
      rows.add(String.valueOf(row.stream().map(QueryLayerChecks::normalize).toList()));
    }
    Collections.sort(rows);
    return rows;
  }

  /** What the engines print differently, printed one way: numbers by value, instants in UTC. */
  static String normalize(String text) {
    if (text == null) {
      return null;
    }
    Matcher ts = TIMESTAMP.matcher(text);
    if (ts.matches()) {
      String zone = ts.group(4).equals(" UTC") ? "Z" : ts.group(4);
      String fraction = ts.group(3) == null ? "" : ts.group(3);
      return OffsetDateTime.parse(ts.group(1) + "T" + ts.group(2) + fraction + zone)
          .toInstant()
          .truncatedTo(ChronoUnit.MILLIS)
          .toString();
    }
    if (NUMBER.matcher(text).matches()) {
      return new BigDecimal(text).stripTrailingZeros().toPlainString();
    }
    return text;
  }

  private static Map<String, TableColumns> trustedColumns(Catalog catalog) {
    return LakeViews.trustedColumns(
        table ->
            catalog
                .loadTable(TableIdentifier.of(LakeLayout.TRUSTED_NAMESPACE, table))
                .schema()
                .columns()
                .stream()
                .map(NestedField::name)
                .toList());
  }
}
