package dev.lakehouse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.LiveKafkaSink;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.file.IngestSummary;
import dev.lakehouse.ingest.generate.live.LiveOptions;
import dev.lakehouse.ingest.generate.live.LiveOrderStream;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.process.SparkJobs;
import dev.lakehouse.process.SparkJvm;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The nightly job on a streaming history: the app lands the orders' files at its 5 s commits
 * without catching up into larger batches (as a day of live traffic would), then a live phase;
 * then, in the same run, a fixed set of analyst queries through Spark before and after the job, the
 * tables' files, average file size and manifests before and after, and the job's duration and
 * rows/s.
 */
final class NightlyBenchmark {
  private static final String APP_ID = "bench-nightly";
  private static final int REPEAT = 3;

  /** The analyst queries, on the current-row views and the raw statuses. */
  static final Map<String, String> QUERIES = queries();

  private NightlyBenchmark() {}

  private static Map<String, String> queries() {
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put(
        "day_orders_with_items",
        "SELECT o.order_id, o.order_total_amount, i.name, i.quantity, i.total_value"
            + " FROM trusted.order_current o JOIN trusted.order_item_current i"
            + " ON o.order_id = i.order_id"
            + " WHERE o.order_local_date = (SELECT max(order_local_date) FROM trusted.order_current)");
    queries.put(
        "statuses_pivot",
        "SELECT count(*) AS orders, count(PLACED) AS placed, count(CONCLUDED) AS concluded,"
            + " count(CANCELLED) AS cancelled FROM (SELECT order_id, value, created_at FROM"
            + " raw.order_status) PIVOT (min(created_at) FOR value IN"
            + " ('REGISTERED' AS REGISTERED, 'PLACED' AS PLACED, 'CONCLUDED' AS CONCLUDED,"
            + " 'CANCELLED' AS CANCELLED))");
    queries.put(
        "counts_by_state",
        "SELECT delivery_address_state, count(*) AS orders, sum(order_total_amount) AS revenue"
            + " FROM trusted.order_current GROUP BY delivery_address_state");
    return queries;
  }

  static int run(String[] args) throws Exception {
    BenchSupport.AppBenchOptions options = BenchSupport.AppBenchOptions.parse(args);
    PrintStream out = System.out;
    Path data = options.data(out);
    Path stackDir = BenchSupport.freshStackDir(options.work(), "nightly", out);
    LakehouseHome home = LakehouseHome.fromEnvironment();
    try (LocalStack stack = LocalStack.start(StackConfig.withFreePorts(stackDir), home)) {
      LakehouseSettings settings = stack.settings();
      Path config = stackDir.resolve("bench.properties");
      Files.writeString(
          config,
          Files.readString(stack.config().settingsFile())
              + "\nstreams.catch-up-intervals=1\nnightly.validation-settle=0s\n");
      long started = System.nanoTime();
      IngestSummary ingested =
          new FileIngestRun(
                  new IngestOptions(
                      data.toString(), APP_ID, false, Duration.ofSeconds(10), 3, 50_000, 2_000),
                  settings)
              .run(new PrintStream(new ByteArrayOutputStream()), false);
      out.printf(
          "source topics loaded: %,d records in %.1f s%n",
          ingested.published(), BenchSupport.seconds(started));
      Catalog catalog = LakehouseCatalogs.open(settings);
      int httpPort = BenchSupport.freePort();
      try (ChildJvm app = BenchSupport.startApp(config, APP_ID, httpPort, stackDir)) {
        long appStarted = System.nanoTime();
        TrustedBenchmark.waitUntilDone(
            out, app, null, catalog, ingested.published(), appStarted, APP_ID);
        out.printf("history landed at 5 s commits in %.0f s%n", BenchSupport.seconds(appStarted));
        long liveRecords = 0;
        if (options.liveSeconds() > 0) {
          LiveOptions live =
              new LiveOptions(
                  11,
                  options.liveRate(),
                  Math.round(options.liveRate() * options.liveSeconds()),
                  Duration.ofSeconds(10));
          try (LiveKafkaSink sink =
              new LiveKafkaSink(
                  settings.kafka().bootstrapServers(), 11, UUID.randomUUID().toString())) {
            liveRecords =
                new LiveOrderStream(live, Clock.systemUTC())
                    .run(sink).values().stream().mapToLong(Long::longValue).sum();
          }
          TrustedBenchmark.waitUntilDone(
              out,
              app,
              null,
              catalog,
              ingested.published() + liveRecords,
              System.nanoTime(),
              APP_ID);
          out.printf("live phase: %,d records landed%n", liveRecords);
        }
        // the lake is quiet from here on: the queries and the job measure only themselves
        app.close();
      }

      Map<String, Shape> before = shapes(catalog);
      Map<String, long[]> queriesBefore = runQueries(home, config, stackDir.resolve("before"));
      long jobStarted = System.nanoTime();
      Path report = stackDir.resolve("nightly-report.json");
      OptionalInt exit;
      try (ChildJvm job =
          ChildJvm.start(
              new ChildJvm.Spec(
                  "nightly",
                  home.moduleClasspath("batch-compaction"),
                  sparkOptions(),
                  SparkJobs.NIGHTLY,
                  List.of("--config", config.toString(), "--report", report.toString()),
                  stackDir.resolve("nightly.log")))) {
        exit = job.waitFor(Duration.ofHours(2));
      }
      double jobSeconds = BenchSupport.seconds(jobStarted);
      if (exit.isEmpty() || exit.getAsInt() != 0) {
        throw new IllegalStateException(
            "the nightly job ended with " + exit + "; see " + stackDir.resolve("nightly.log"));
      }
      Map<String, Shape> after = shapes(catalog);
      Map<String, long[]> queriesAfter = runQueries(home, config, stackDir.resolve("after"));

      long rows = before.values().stream().mapToLong(Shape::rows).sum();
      out.println();
      out.printf(
          "%-28s %21s %25s %17s %15s%n",
          "table", "data files", "average data file", "manifests", "rows");
      before.forEach(
          (table, was) -> {
            Shape now = after.get(table);
            out.printf(
                "%-28s %9d -> %-9d %11s -> %-11s %7d -> %-7d %,15d%n",
                table,
                was.dataFiles(),
                now.dataFiles(),
                mb(was.averageFileBytes()),
                mb(now.averageFileBytes()),
                was.manifests(),
                now.manifests(),
                now.rows());
          });
      out.println();
      out.printf(
          "%-24s %14s %14s %9s   (median of %d runs in one Spark JVM each)%n",
          "query", "before", "after", "speedup", REPEAT);
      queriesBefore.forEach(
          (name, millis) -> {
            long was = median(millis);
            long now = median(queriesAfter.get(name));
            out.printf(
                "%-24s %11d ms %11d ms %8.1fx%n", name, was, now, was / (double) Math.max(1, now));
          });
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      out.println();
      out.printf(
          "nightly job: %.0f s for %d tables, %,d rows (%,.0f rows/s), whole process; validation"
              + " failed: %s%n",
          jobSeconds,
          before.size(),
          rows,
          rows / jobSeconds,
          json.get("validationFailed").asBoolean());
    }
    return 0;
  }

  /** A table's data files, their average size, its manifests and rows, from its metadata. */
  record Shape(long dataFiles, long averageFileBytes, int manifests, long rows) {}

  private static Map<String, Shape> shapes(Catalog catalog) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (String namespace : List.of("raw", "trusted")) {
      for (TableIdentifier id : catalog.listTables(Namespace.of(namespace))) {
        Table table = catalog.loadTable(id);
        Snapshot current = table.currentSnapshot();
        if (current == null) {
          continue;
        }
        Map<String, String> summary = current.summary();
        long files = Long.parseLong(summary.getOrDefault("total-data-files", "0"));
        long bytes = Long.parseLong(summary.getOrDefault("total-files-size", "0"));
        long records = Long.parseLong(summary.getOrDefault("total-records", "0"));
        long deleted = Long.parseLong(summary.getOrDefault("total-position-deletes", "0"));
        shapes.put(
            id.toString(),
            new Shape(
                files,
                files == 0 ? 0 : bytes / files,
                current.allManifests(table.io()).size(),
                records - deleted));
      }
    }
    return shapes;
  }

  private static Map<String, long[]> runQueries(LakehouseHome home, Path config, Path out)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--repeat",
                Integer.toString(REPEAT)));
    QUERIES.forEach((name, sql) -> args.addAll(List.of("--query", name + "=" + sql)));
    try (ChildJvm spark =
        ChildJvm.start(
            new ChildJvm.Spec(
                "queries",
                home.moduleClasspath("batch-compaction"),
                sparkOptions(),
                SparkJobs.SQL_QUERIES,
                args,
                out.resolveSibling(out.getFileName() + "-queries.log")))) {
      OptionalInt exit = spark.waitFor(Duration.ofHours(1));
      if (exit.isEmpty() || exit.getAsInt() != 0) {
        throw new IllegalStateException("the queries failed:\n" + spark.logTail(40));
      }
    }
    Map<String, long[]> millis = new LinkedHashMap<>();
    for (String name : QUERIES.keySet()) {
      millis.put(
          name,
          Files.readAllLines(out.resolve(name + ".millis"), StandardCharsets.UTF_8).stream()
              .mapToLong(Long::parseLong)
              .toArray());
    }
    return millis;
  }

  /** Spark's JVM options with a 4 GiB heap: a history of a million orders. */
  private static List<String> sparkOptions() {
    List<String> options = new ArrayList<>(SparkJvm.OPTIONS);
    options.replaceAll(o -> o.startsWith("-Xmx") ? "-Xmx4g" : o);
    return options;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1048576.0);
  }
}
