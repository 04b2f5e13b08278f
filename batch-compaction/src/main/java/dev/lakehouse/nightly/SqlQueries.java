package dev.lakehouse.nightly;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Spark SQL against the project's catalog (Iceberg tables and views) and writes each result to
 * the output directory: {@code <name>.columns} (one column name per line) and {@code <name>.jsonl}
 * (one JSON object per row). What the tests use to read the lake the way an analyst's Spark does.
 * With {@code --repeat N} each query runs N times in a row, and {@code <name>.millis} holds each
 * run's wall time (collecting its rows included), for the benchmarks. Exit code 0 on success, 2 on
 * bad arguments, 1 on failure.
 */
public final class SqlQueries {
  private static final Logger LOG = LoggerFactory.getLogger(SqlQueries.class);

  private SqlQueries() {}

  public static void main(String[] args) {
    SqlQueryOptions options;
    LakehouseSettings settings;
    try {
      options = SqlQueryOptions.parse(args);
      settings = LakehouseSettings.load(options.config());
    } catch (IllegalArgumentException | SettingsException e) {
      System.err.println("sql: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(options, settings);
      System.exit(0);
    } catch (RuntimeException | IOException e) {
      LOG.error("a query failed", e);
      System.exit(1);
    }
  }

  static void run(SqlQueryOptions options, LakehouseSettings settings) throws IOException {
    Files.createDirectories(options.out());
    try (SparkSession spark = SparkSessions.open(settings, Optional.of(options.master()))) {
      for (Map.Entry<String, String> query : options.queries().entrySet()) {
        long started = System.nanoTime();
        Dataset<Row> result = spark.sql(query.getValue());
        List<String> rows = result.toJSON().collectAsList();
        List<String> millis = new java.util.ArrayList<>();
        millis.add(Long.toString((System.nanoTime() - started) / 1_000_000));
        for (int run = 1; run < options.repeat(); run++) {
          long again = System.nanoTime();
          spark.sql(query.getValue()).toJSON().collectAsList();
          millis.add(Long.toString((System.nanoTime() - again) / 1_000_000));
        }
        Files.write(
            options.out().resolve(query.getKey() + ".millis"), millis, StandardCharsets.UTF_8);
        Files.write(
            options.out().resolve(query.getKey() + ".columns"),
            List.of(result.columns()),
            StandardCharsets.UTF_8);
        Files.write(options.out().resolve(query.getKey() + ".jsonl"), rows, StandardCharsets.UTF_8);
        LOG.info(
            "query {}: {} rows in {} ms",
            query.getKey(),
            rows.size(),
            (System.nanoTime() - started) / 1_000_000);
      }
    }
  }
}
