package dev.lakehouse.bench;

import dev.lakehouse.common.contract.Dataset;
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
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.report.TableReport;
import dev.lakehouse.streams.report.TrustedReport;
import dev.lakehouse.streams.trusted.TrustedTables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The trusted path: orders/s from the source topics to committed trusted versions (raw and trusted
 * stages in one app, as deployed), p50/p99 freshness of the trusted tables under a sustained live
 * load, and the app's heap. The stage is done with the backlog when its data-quality counters
 * (exact, per task) have read every raw order and status row and every version they emitted is
 * committed. Baseline, in the same run: the moment the raw tables held every record (the raw stage
 * inside the same app).
 */
final class TrustedBenchmark {
  private static final String APP_ID = "bench-trusted";
  private static final List<TableIdentifier> TABLES =
      List.of(
          TrustedTables.ORDER,
          TrustedTables.ORDER_STATUS,
          TrustedTables.ORDER_ITEM,
          TrustedTables.ORDER_ITEM_GARNISH);

  private TrustedBenchmark() {}

  static int run(String[] args) throws Exception {
    BenchSupport.AppBenchOptions options = BenchSupport.AppBenchOptions.parse(args);
    int liveSeconds = options.liveSeconds();
    double liveRate = options.liveRate();
    Path work = options.work();
    PrintStream out = System.out;
    Path data = options.data(out);
    Path stackDir = BenchSupport.freshStackDir(work, "trusted", out);
    LakehouseHome home = LakehouseHome.fromEnvironment();
    try (LocalStack stack = LocalStack.start(StackConfig.withFreePorts(stackDir), home)) {
      LakehouseSettings settings = stack.settings();
      long started = System.nanoTime();
      IngestSummary ingested =
          new FileIngestRun(
                  new IngestOptions(
                      data.toString(),
                      "bench-trusted",
                      false,
                      Duration.ofSeconds(10),
                      3,
                      50_000,
                      2_000),
                  settings)
              .run(new PrintStream(new ByteArrayOutputStream()), false);
      out.printf(
          "source topics loaded: %,d records in %.1f s%n",
          ingested.published(), BenchSupport.seconds(started));

      int httpPort = BenchSupport.freePort();
      Catalog catalog = LakehouseCatalogs.open(settings);
      HeapSampler heap = new HeapSampler(httpPort);
      try (ChildJvm app =
          BenchSupport.startApp(stack.config().settingsFile(), APP_ID, httpPort, stackDir)) {
        long appStarted = System.nanoTime();
        double rawDone =
            waitUntilDone(out, app, heap, catalog, ingested.published(), appStarted, APP_ID);
        double trustedDone = BenchSupport.seconds(appStarted);
        long orderRows = rows(catalog, RawTableCatalog.identifier(Dataset.ORDER.contract()));
        long orderIds = TrustedReport.rows(catalog, TrustedTables.ORDER).orders();
        double appCpu =
            ProcessHandle.of(app.pid())
                .flatMap(h -> h.info().totalCpuDuration())
                .map(d -> d.toMillis() / 1e3)
                .orElse(-1.0);
        out.printf(
            "cpu during the backlog: app %.0f s (%.0f%% of one core)%n",
            appCpu, 100 * appCpu / trustedDone);
        out.printf(
            "raw stage (same app): every record in the raw tables after %.1f s: %,.0f records/s%n",
            rawDone, ingested.published() / rawDone);
        out.printf(
            "ours: trusted path, %,d orders (%,d order rows, %,d records) in %.1f s from the app's start: %,.0f orders/s%n",
            orderIds, orderRows, ingested.published(), trustedDone, orderIds / trustedDone);
        out.printf("ratio trusted / raw (same app, same run): %.2f%n", rawDone / trustedDone);

        long liveFrom = System.currentTimeMillis();
        if (liveSeconds > 0) {
          LiveOptions live =
              new LiveOptions(
                  7, liveRate, Math.round(liveRate * liveSeconds), Duration.ofSeconds(10));
          out.printf("live load: %,.0f orders/s for %d s…%n", liveRate, liveSeconds);
          Thread sampler = BenchSupport.sampleInTheBackground(heap);
          long liveRecords;
          try (LiveKafkaSink sink =
              new LiveKafkaSink(
                  settings.kafka().bootstrapServers(), 7, UUID.randomUUID().toString())) {
            liveRecords =
                new LiveOrderStream(live, Clock.systemUTC())
                    .run(sink).values().stream().mapToLong(Long::longValue).sum();
          }
          waitUntilDone(
              out,
              app,
              null,
              catalog,
              ingested.published() + liveRecords,
              System.nanoTime(),
              APP_ID);
          sampler.interrupt();
          sampler.join();
          out.printf(
              "live: %,d records in %.0f s%n",
              liveRecords, (System.currentTimeMillis() - liveFrom) / 1e3);
        }
        out.println();
        out.printf(
            "%-28s %12s %10s %7s %10s   %s%n",
            "table",
            "versions",
            "orders",
            "files",
            "snapshots",
            liveSeconds > 0 ? "freshness of live versions p50 / p99 / max" : "");
        for (TableIdentifier id : TABLES) {
          var table = catalog.loadTable(id);
          TableReport.Counts counts = TableReport.counts(table);
          TrustedReport.TableRows rows = TrustedReport.rows(catalog, id);
          String freshness = "";
          if (liveSeconds > 0) {
            long[] millis = TableReport.freshnessMillis(table, TrustedTables.CAUSED_AT, liveFrom);
            freshness =
                String.format(
                    "%.1f s / %.1f s / %.1f s (%,d versions)",
                    TableReport.quantile(millis, 0.5) / 1e3,
                    TableReport.quantile(millis, 0.99) / 1e3,
                    millis.length == 0 ? 0 : millis[millis.length - 1] / 1e3,
                    millis.length);
          }
          out.printf(
              "%-28s %,12d %,10d %7d %10d   %s%n",
              id, counts.rows(), rows.orders(), counts.dataFiles(), counts.snapshots(), freshness);
        }
        TrustedReport.Quality quality = TrustedReport.quality(catalog);
        out.printf(
            "quality: %,d orders, waiting for a consumer %,d, for a restaurant %,d, rejected duplicates %,d, invalid flows %,d%n",
            quality.orders(),
            quality.missingConsumer(),
            quality.missingRestaurant(),
            quality.rejectedDuplicates(),
            quality.invalidFlows());
        out.printf(
            "app heap (-Xmx1g): peak used %.0f MiB, median of samples %.0f MiB%n",
            heap.peak() / 1048576.0, heap.median() / 1048576.0);
      }
    }
    return 0;
  }

  /**
   * Waits until the raw tables hold {@code records} rows and the trusted stage has read every raw
   * order and status row and committed every version it emitted; returns when the raw tables were
   * complete (s).
   */
  static double waitUntilDone(
      PrintStream out,
      ChildJvm app,
      HeapSampler heap,
      Catalog catalog,
      long records,
      long since,
      String appId)
      throws Exception {
    double rawDone = -1;
    long lastPrint = System.nanoTime();
    while (true) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the streams app died:\n" + app.logTail(40));
      }
      Thread.sleep(1_000);
      if (heap != null) {
        heap.sample();
      }
      long raw = 0;
      for (Dataset dataset : Dataset.values()) {
        raw += rows(catalog, RawTableCatalog.identifier(dataset.contract()));
      }
      if (raw >= records && rawDone < 0) {
        rawDone = BenchSupport.seconds(since);
      }
      if (rawDone >= 0 && trustedDone(catalog, appId)) {
        return rawDone;
      }
      if (System.nanoTime() - lastPrint > 15e9) {
        out.printf(
            "  raw %,d / %,d rows, trusted.order %,d versions after %.0f s%n",
            raw, records, rows(catalog, TrustedTables.ORDER), BenchSupport.seconds(since));
        lastPrint = System.nanoTime();
      }
      if (BenchSupport.seconds(since) > 3_600) {
        throw new IllegalStateException("gave up after an hour");
      }
    }
  }

  /**
   * The latest data-quality measurement of every task, summed, says every raw row was read and
   * every version is committed.
   */
  private static boolean trustedDone(Catalog catalog, String appId) {
    if (!catalog.tableExists(TrustedTables.DATA_QUALITY)) {
      return false;
    }
    Map<String, Record> latest = new HashMap<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(catalog.loadTable(TrustedTables.DATA_QUALITY)).build()) {
      for (Record r : read) {
        if (appId.equals(r.getField("application_id"))) {
          latest.merge(
              (String) r.getField("stream_task"),
              r.copy(),
              (a, b) ->
                  ((OffsetDateTime) a.getField("measured_at"))
                          .isAfter((OffsetDateTime) b.getField("measured_at"))
                      ? a
                      : b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (latest.isEmpty()) {
      return false;
    }
    return sum(latest, "order_records_in")
            == rows(catalog, RawTableCatalog.identifier(Dataset.ORDER.contract()))
        && sum(latest, "status_records_in")
            == rows(catalog, RawTableCatalog.identifier(Dataset.ORDER_STATUS.contract()))
        && sum(latest, "order_versions_out") == rows(catalog, TrustedTables.ORDER)
        && sum(latest, "status_versions_out") == rows(catalog, TrustedTables.ORDER_STATUS)
        && sum(latest, "item_rows_out") == rows(catalog, TrustedTables.ORDER_ITEM)
        && sum(latest, "garnish_rows_out") == rows(catalog, TrustedTables.ORDER_ITEM_GARNISH);
  }

  private static long sum(Map<String, Record> latest, String column) {
    return latest.values().stream().mapToLong(r -> (Long) r.getField(column)).sum();
  }

  static long rows(Catalog catalog, TableIdentifier id) {
    return catalog.tableExists(id) ? TableReport.counts(catalog.loadTable(id)).rows() : 0;
  }
}
