package dev.lakehouse.bench.compare;

import dev.lakehouse.bench.BenchSupport;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.file.IngestSummary;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;

/**
 * {@code benchmarks/run compare}: the limit, our raw path and Apache Iceberg's Kafka Connect sink
 * (at its default commit interval and at ours) on one machine, in one run, from the same source
 * topics into the same catalog and S3 server. Throughput first: the runners alternate (A B C D, A B
 * C D, …), each run landing the same backlog from a fresh start. Then freshness: the table writers
 * alternate again, each started at the end of the topics and given the same live load. Writes
 * {@code result.json}, {@code result.md} and two SVG charts.
 */
public final class CompareBenchmark {
  private CompareBenchmark() {}

  public static int run(String[] args) throws Exception {
    CompareOptions options = CompareOptions.parse(args);
    PrintStream out = System.out;
    Path data = BenchSupport.generatedData(options.work(), options.orders(), out);
    Path stackDir = BenchSupport.freshStackDir(options.work(), "compare", out);
    LakehouseHome home = LakehouseHome.fromEnvironment();
    List<Runner> runners = options.createRunners();
    List<RunResult> results = new ArrayList<>();
    try (LocalStack stack = LocalStack.start(StackConfig.withFreePorts(stackDir), home)) {
      LakehouseSettings settings = stack.settings();
      long started = System.nanoTime();
      IngestSummary ingested =
          new FileIngestRun(
                  new IngestOptions(
                      data.toString(),
                      "bench-compare",
                      false,
                      Duration.ofSeconds(10),
                      3,
                      50_000,
                      2_000),
                  settings)
              .run(new PrintStream(new ByteArrayOutputStream()), false);
      out.printf(
          "source topics loaded: %,d records in %.1f s%n",
          ingested.published(), (System.nanoTime() - started) / 1e9);
      double[] read = BenchSupport.readAll(settings.kafka().bootstrapServers());
      double averageValueBytes = read[2] / read[0];
      out.printf(
          "average value: %.0f bytes (%,.0f records, %.1f MB)%n",
          averageValueBytes, read[0], read[2] / 1e6);
      Catalog catalog = LakehouseCatalogs.open(settings);
      LiveLoad live =
          new LiveLoad(
              settings.kafka().bootstrapServers(), options.liveRate(), options.liveSeconds());
      RunContext context =
          new RunContext(
              settings,
              stack.config().settingsFile(),
              catalog,
              home,
              stackDir,
              ingested.published(),
              averageValueBytes,
              live,
              out);
      // throughput: every run lands the same backlog from a fresh start (no live load in this
      // phase)
      for (int run = 1; run <= options.runs(); run++) {
        for (Runner runner : runners) {
          Path runDir =
              Files.createDirectories(stackDir.resolve("runs").resolve(runner.name() + "-" + run));
          out.printf(
              "throughput run %d of %d: %s (%,d records)…%n",
              run, options.runs(), runner.name(), context.sourceRecords());
          RunResult result = runner.throughput(context.withRunDir(runDir), run);
          results.add(result);
          out.println("  " + CompareReport.oneLine(result));
        }
      }
      // freshness: each table writer starts at the end of the topics, warms up and takes the same
      // live load
      List<FreshnessResult> freshness = new ArrayList<>();
      for (int run = 1; live.enabled() && run <= options.runs(); run++) {
        for (Runner runner : runners) {
          if (runner instanceof TableRunner tables) {
            Path runDir =
                Files.createDirectories(
                    stackDir.resolve("runs").resolve(runner.name() + "-f" + run));
            out.printf(
                "freshness run %d of %d: %s, %,.0f orders/s for %d s after %d s of warm-up…%n",
                run,
                options.runs(),
                runner.name(),
                options.liveRate(),
                options.liveSeconds(),
                TableRunner.WARM_UP.toSeconds());
            FreshnessResult result = tables.freshness(context.withRunDir(runDir), run);
            freshness.add(result);
            out.println("  " + CompareReport.oneLine(result));
          }
        }
      }
      CompareReport report = new CompareReport(options, runners, results, freshness);
      Files.createDirectories(options.out());
      report.writeTo(options.out());
      out.println();
      out.println(report.markdown());
      out.println("written to " + options.out().toAbsolutePath());
    }
    return 0;
  }
}
