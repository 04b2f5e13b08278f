package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.query.LakeView;
import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.common.query.SqlDialect;
import dev.lakehouse.common.query.TableColumns;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.process.SparkJvm;
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
import java.util.OptionalInt;
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
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
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
   * Runs every view and every doc example on both engines, requires equal answers, and returns them
   * (each query's normalised rows, sorted), keyed by query name.
   */
  static Map<String, List<String>> assertBothEnginesAgree(
      Path settingsFile, Catalog catalog, Path work) throws Exception {
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

    Map<String, List<String>> answers = new LinkedHashMap<>();
    try (TrinoReads trino = TrinoReads.start(settingsFile, catalog, work.resolve("trino"))) {
      for (Map.Entry<String, String[]> query : queries.entrySet()) {
        String name = query.getKey();
        List<String> columns = Files.readAllLines(out.resolve(name + ".columns"));
        assertThat(trino.columns(query.getValue()[1]))
            .as("%s: Trino's columns", name)
            .isEqualTo(columns);
        List<String> fromSpark = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(name + ".jsonl"))) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode row = JSON.readTree(line);
          List<String> values = new ArrayList<>();
          // Spark's JSON leaves out null fields
          columns.forEach(
              c -> values.add(row.hasNonNull(c) ? normalize(row.get(c).asText()) : null));
          fromSpark.add(String.valueOf(values));
        }
        List<String> fromTrino = new ArrayList<>();
        for (List<String> row : trino.rows(query.getValue()[1])) {
          fromTrino.add(String.valueOf(row.stream().map(QueryLayerChecks::normalize).toList()));
        }
        Collections.sort(fromSpark);
        Collections.sort(fromTrino);
        assertThat(fromTrino).as("%s: Trino's rows against Spark's", name).isEqualTo(fromSpark);
        answers.put(name, fromSpark);
      }
    }
    return answers;
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
    Map<String, TableColumns> columns = new LinkedHashMap<>();
    for (String table : LakeViews.versionedTables().keySet()) {
      columns.put(
          table,
          new TableColumns(
              LakeLayout.TRUSTED_NAMESPACE,
              table,
              catalog
                  .loadTable(TableIdentifier.of(LakeLayout.TRUSTED_NAMESPACE, table))
                  .schema()
                  .columns()
                  .stream()
                  .map(NestedField::name)
                  .toList()));
    }
    return columns;
  }
}
