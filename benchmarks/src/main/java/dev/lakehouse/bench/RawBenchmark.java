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
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;

/**
 * The raw path: records/s from the source topics to committed Iceberg files, p50/p99 freshness
 * under a sustained live load, snapshots and files per table, and the app's heap. The app runs as
 * its own JVM ({@code lakehouse streams}, -Xmx1g) exactly as deployed; the broker and the S3 server
 * share the 2 cores. Baseline, in the same run: a plain read_committed consumer reading the same
 * source topics and doing nothing with the records (the limit of reading these bytes from this
 * broker).
 */
final class RawBenchmark {

  private RawBenchmark() {}

  static int run(String[] args) throws Exception {
    BenchSupport.AppBenchOptions options = BenchSupport.AppBenchOptions.parse(args);
    int liveSeconds = options.liveSeconds();
    double liveRate = options.liveRate();
    Path work = options.work();
    PrintStream out = System.out;
    Path data = options.data(out);
    Path stackDir = BenchSupport.freshStackDir(work, "raw", out);
    LakehouseHome home = LakehouseHome.fromEnvironment();
    try (LocalStack stack = LocalStack.start(StackConfig.withFreePorts(stackDir), home)) {
      LakehouseSettings settings = stack.settings();
      long started = System.nanoTime();
      IngestSummary ingested =
          new FileIngestRun(
                  new IngestOptions(
                      data.toString(),
                      "bench-raw",
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

      double[] baseline = BenchSupport.readAll(settings.kafka().bootstrapServers());
      out.printf(
          "baseline: plain consumer read %,.0f records in %.1f s: %,.0f records/s%n",
          baseline[0], baseline[1], baseline[0] / baseline[1]);

      int httpPort = BenchSupport.freePort();
      // the raw path alone: the trusted stage is measured by its own benchmark
      Path settingsFile = stackDir.resolve("bench-raw.properties");
      java.nio.file.Files.writeString(
          settingsFile,
          java.nio.file.Files.readString(stack.config().settingsFile())
              + "\ntrusted.enabled=false\n");
      Catalog catalog = LakehouseCatalogs.open(settings);
      HeapSampler heap = new HeapSampler(httpPort);
      try (ChildJvm app = BenchSupport.startApp(settingsFile, "bench-raw", httpPort, stackDir)) {
        long appStarted = System.nanoTime();
        long firstRowNanos = 0;
        long total = ingested.published();
        long rows = 0;
        long lastPrint = 0;
        while (rows < total) {
          if (!app.isAlive()) {
            throw new IllegalStateException("the streams app died:\n" + app.logTail(40));
          }
          Thread.sleep(1_000);
          heap.sample();
          rows = rawRows(catalog);
          if (rows > 0 && firstRowNanos == 0) {
            firstRowNanos = System.nanoTime();
          }
          if (System.nanoTime() - lastPrint > 15e9) {
            out.printf(
                "  %,d / %,d rows committed after %.0f s%n",
                rows, total, BenchSupport.seconds(appStarted));
            lastPrint = System.nanoTime();
          }
          if (BenchSupport.seconds(appStarted) > 3_600) {
            throw new IllegalStateException(
                "gave up after an hour with " + rows + " of " + total + " rows");
          }
        }
        double backlogSeconds = BenchSupport.seconds(appStarted);
        double appCpu =
            ProcessHandle.of(app.pid())
                .flatMap(h -> h.info().totalCpuDuration())
                .map(d -> d.toMillis() / 1e3)
                .orElse(-1.0);
        double benchCpu =
            ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(d -> d.toMillis() / 1e3)
                .orElse(-1.0);
        out.printf(
            "cpu during the backlog: app %.0f s (%.0f%% of one core), broker+benchmark JVM %.0f s in total%n",
            appCpu, 100 * appCpu / backlogSeconds, benchCpu);
        double fromFirstCommit = (System.nanoTime() - firstRowNanos) / 1e9;
        out.printf(
            "ours: raw path, %,d records in %.1f s from the app's start: %,.0f records/s (%,.0f records/s from its first commit)%n",
            total, backlogSeconds, total / backlogSeconds, total / fromFirstCommit);
        out.printf(
            "ratio ours/baseline: %.2f%n", (total / backlogSeconds) / (baseline[0] / baseline[1]));

        long liveFrom = System.currentTimeMillis();
        Map<Dataset, Long> emitted = new EnumMap<>(Dataset.class);
        if (liveSeconds > 0) {
          LiveOptions live =
              new LiveOptions(
                  7, liveRate, Math.round(liveRate * liveSeconds), Duration.ofSeconds(10));
          out.printf("live load: %,.0f orders/s for %d s…%n", liveRate, liveSeconds);
          Thread sampler = BenchSupport.sampleInTheBackground(heap);
          try (LiveKafkaSink sink =
              new LiveKafkaSink(
                  settings.kafka().bootstrapServers(), 7, UUID.randomUUID().toString())) {
            emitted.putAll(new LiveOrderStream(live, Clock.systemUTC()).run(sink));
          }
          long liveTotal = total + emitted.values().stream().mapToLong(Long::longValue).sum();
          long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
          while (rawRows(catalog) < liveTotal && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
          }
          sampler.interrupt();
          sampler.join();
          long liveRecords = emitted.values().stream().mapToLong(Long::longValue).sum();
          out.printf(
              "live: %,d records emitted in %.0f s (%,.0f records/s)%n",
              liveRecords,
              (System.currentTimeMillis() - liveFrom) / 1e3,
              liveRecords / ((System.currentTimeMillis() - liveFrom) / 1e3));
        }
        out.println();
        out.printf(
            "%-18s %12s %7s %10s   %s%n",
            "table",
            "rows",
            "files",
            "snapshots",
            liveSeconds > 0 ? "freshness under live load p50 / p99 / max" : "");
        List<Long> allFreshness = new ArrayList<>();
        for (Dataset dataset : Dataset.values()) {
          var table = catalog.loadTable(RawTableCatalog.identifier(dataset.contract()));
          TableReport.Counts counts = TableReport.counts(table);
          String freshness = "";
          if (liveSeconds > 0) {
            long[] millis = TableReport.freshnessMillis(table, liveFrom);
            for (long m : millis) {
              allFreshness.add(m);
            }
            freshness =
                String.format(
                    "%.1f s / %.1f s / %.1f s (%,d records)",
                    TableReport.quantile(millis, 0.5) / 1e3,
                    TableReport.quantile(millis, 0.99) / 1e3,
                    millis.length == 0 ? 0 : millis[millis.length - 1] / 1e3,
                    millis.length);
          }
          out.printf(
              "%-18s %,12d %7d %10d   %s%n",
              "raw." + dataset.datasetName(),
              counts.rows(),
              counts.dataFiles(),
              counts.snapshots(),
              freshness);
        }
        if (!allFreshness.isEmpty()) {
          long[] all = allFreshness.stream().mapToLong(Long::longValue).sorted().toArray();
          out.printf(
              "freshness of all live records: p50 %.1f s, p99 %.1f s (%,d records)%n",
              TableReport.quantile(all, 0.5) / 1e3,
              TableReport.quantile(all, 0.99) / 1e3,
              all.length);
        }
        out.printf(
            "app heap (-Xmx1g): peak used %.0f MiB, median of samples %.0f MiB%n",
            heap.peak() / 1048576.0, heap.median() / 1048576.0);
      }
    }
    return 0;
  }

  private static long rawRows(Catalog catalog) {
    long rows = 0;
    for (Dataset dataset : Dataset.values()) {
      if (catalog.tableExists(RawTableCatalog.identifier(dataset.contract()))) {
        rows +=
            TableReport.counts(catalog.loadTable(RawTableCatalog.identifier(dataset.contract())))
                .rows();
      }
    }
    return rows;
  }
}
