package dev.lakehouse.sql;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.SparkJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Spark SQL over the project's catalog in a JVM of its own (the nightly job's {@code SqlQueries},
 * on the batch module's classpath): runs named queries in one Spark session and reads back each
 * result's columns and rows, every value as the text Spark's JSON gives it (decimals exactly; null
 * where the row has none). What {@code ./lakehouse sql --engine spark} and the query-layer tests
 * read the lake with.
 */
public final class SparkSqlRun {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private SparkSqlRun() {}

  /** The Spark JVM ended badly or ran past its time; the message ends with its log's last lines. */
  public static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code queries} (name to SQL, in order) with the settings file's catalog, the results'
   * files in {@code out} and the JVM's log in {@code log}.
   */
  public static Map<String, QueryRows> run(
      Path settingsFile, Map<String, String> queries, Path out, Path log, Duration timeout)
      throws IOException, InterruptedException, Failed {
    List<String> args =
        new ArrayList<>(List.of("--config", settingsFile.toString(), "--out", out.toString()));
    queries.forEach((name, sql) -> args.addAll(List.of("--query", name + "=" + sql)));
    try (ChildJvm spark =
        ChildJvm.start(SparkJobs.spec("spark-sql", SparkJobs.SQL_QUERIES, args, log))) {
      OptionalInt exit = spark.waitFor(timeout);
      if (exit.isEmpty() || exit.getAsInt() != 0) {
        throw new Failed(
            (exit.isEmpty()
                    ? "Spark SQL ran past " + timeout
                    : "Spark SQL exited with " + exit.getAsInt())
                + "; its log ends with:\n"
                + spark.logTail(40));
      }
    }
    Map<String, QueryRows> results = new LinkedHashMap<>();
    for (String name : queries.keySet()) {
      results.put(name, read(out, name));
    }
    return results;
  }

  private static QueryRows read(Path out, String name) throws IOException {
    List<String> columns =
        Files.readAllLines(out.resolve(name + ".columns"), StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(name + ".jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = JSON.readTree(line);
      List<String> values = new ArrayList<>(columns.size());
      // Spark's JSON leaves out null fields
      columns.forEach(c -> values.add(row.hasNonNull(c) ? row.get(c).asText() : null));
      rows.add(values);
    }
    return new QueryRows(columns, rows);
  }
}
