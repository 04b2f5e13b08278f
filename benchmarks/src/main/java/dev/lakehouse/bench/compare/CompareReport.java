package dev.lakehouse.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lakehouse.streams.report.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The result of a comparison: a JSON file, a Markdown table and the two charts. */
final class CompareReport {
  private final CompareOptions options;
  private final List<RunnerSummary> summaries = new ArrayList<>();
  private final List<RunResult> results;
  private final List<FreshnessResult> freshnessResults;
  private final Instant finished = Instant.now();

  CompareReport(
      CompareOptions options,
      List<Runner> runners,
      List<RunResult> results,
      List<FreshnessResult> freshnessResults) {
    this.options = options;
    this.results = results;
    this.freshnessResults = freshnessResults;
    for (Runner runner : runners) {
      summaries.add(
          new RunnerSummary(
              runner.name(),
              runner.description(),
              results.stream().filter(r -> r.runner().equals(runner.name())).toList(),
              freshnessResults.stream().filter(r -> r.runner().equals(runner.name())).toList()));
    }
  }

  static String oneLine(RunResult r) {
    String line =
        String.format(
            Locale.ROOT,
            "%,d records in %.1f s: %,.0f records/s, %.1f MB/s; %d snapshots, %d files, heap %.0f MiB, RSS %.0f MiB",
            r.records(),
            r.seconds(),
            r.recordsPerSecond(),
            r.megabytesPerSecond(),
            r.snapshots(),
            r.dataFiles(),
            r.peakHeapBytes() / 1048576.0,
            r.peakRssBytes() / 1048576.0);
    if (r.landedRows() >= 0) {
      line += String.format(Locale.ROOT, "; rows %,d of %,d", r.landedRows(), r.records());
    }
    return line;
  }

  static String oneLine(FreshnessResult r) {
    long[] f = r.freshnessMillis();
    return String.format(
        Locale.ROOT,
        "freshness of %,d live records p50 %.1f s, p95 %.1f s, p99 %.1f s, max %.1f s; %d snapshots, %d files; rows %,d of %,d",
        f.length,
        TableReport.quantile(f, 0.5) / 1e3,
        TableReport.quantile(f, 0.95) / 1e3,
        TableReport.quantile(f, 0.99) / 1e3,
        f.length == 0 ? 0 : f[f.length - 1] / 1e3,
        r.snapshots(),
        r.dataFiles(),
        r.landedRows(),
        r.liveRecords());
  }

  Optional<RunnerSummary> summary(String runner) {
    return summaries.stream().filter(s -> s.runner().equals(runner)).findFirst();
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    Optional<RunnerSummary> limit = summary("limit");
    Optional<RunnerSummary> ours = summary("ours");
    md.append(
        String.format(
            Locale.ROOT,
            "Throughput: medians of %d alternating runs on the same backlog (spread: slowest – fastest run), "
                + "%,d orders. Freshness: %d alternating runs per table writer, each started at the end of the topics and given a live load "
                + "of %,.0f orders/s for %d s; percentiles of all their live records.%n%n",
            options.runs(),
            options.orders(),
            freshnessResults.isEmpty() ? 0 : options.runs(),
            options.liveRate(),
            options.liveSeconds()));
    md.append(
        "| runner | records/s | spread | MB/s | ratio to the limit | ours / this | freshness p50 | p95 | p99 | snapshots | data files | avg file | peak heap | peak RSS |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (RunnerSummary s : summaries) {
      double rate = s.medianRecordsPerSecond();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f – %,.0f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %.0f MiB | %.0f MiB |%n",
              s.runner(),
              rate,
              s.minRecordsPerSecond(),
              s.maxRecordsPerSecond(),
              s.medianMegabytesPerSecond(),
              limit
                  .map(l -> String.format(Locale.ROOT, "%.2f", rate / l.medianRecordsPerSecond()))
                  .orElse("—"),
              ours.filter(o -> s.runner().startsWith("connect"))
                  .map(
                      o ->
                          String.format(
                              Locale.ROOT, "**%.2f×**", o.medianRecordsPerSecond() / rate))
                  .orElse(""),
              s.hasFreshness() ? seconds(s.freshnessSeconds(0.5)) : "—",
              s.hasFreshness() ? seconds(s.freshnessSeconds(0.95)) : "—",
              s.hasFreshness() ? seconds(s.freshnessSeconds(0.99)) : "—",
              s.runner().equals("limit")
                  ? "—"
                  : String.format(Locale.ROOT, "%.0f", s.medianSnapshots()),
              String.format(Locale.ROOT, "%,.0f", s.medianDataFiles()),
              String.format(Locale.ROOT, "%.2f MB", s.medianAverageFileBytes() / 1e6),
              s.peakHeapBytes() / 1048576.0,
              s.peakRssBytes() / 1048576.0));
    }
    md.append('\n');
    ours.ifPresent(
        o ->
            summaries.stream()
                .filter(
                    s -> s.runner().startsWith("connect") && s.hasFreshness() && o.hasFreshness())
                .forEach(
                    c ->
                        md.append(
                            String.format(
                                Locale.ROOT,
                                "- freshness p99, ours / %s: %.3f%n",
                                c.runner(),
                                o.freshnessSeconds(0.99) / c.freshnessSeconds(0.99)))));
    for (RunnerSummary s : summaries) {
      for (RunResult wrong : s.runsWithWrongRowCount()) {
        md.append(
            String.format(
                Locale.ROOT,
                "- **%s run %d: its tables hold %,d rows for %,d source records**%n",
                s.runner(),
                wrong.run(),
                wrong.landedRows(),
                wrong.records()));
      }
      for (FreshnessResult wrong : s.freshnessRunsWithWrongRowCount()) {
        md.append(
            String.format(
                Locale.ROOT,
                "- **%s freshness run %d: its tables hold %,d rows for %,d live records**%n",
                s.runner(),
                wrong.run(),
                wrong.landedRows(),
                wrong.liveRecords()));
      }
    }
    md.append("\nEvery run:\n\n");
    for (RunResult r : results) {
      md.append(String.format(Locale.ROOT, "- %s %d: %s%n", r.runner(), r.run(), oneLine(r)));
    }
    for (FreshnessResult r : freshnessResults) {
      md.append(
          String.format(Locale.ROOT, "- %s freshness %d: %s%n", r.runner(), r.run(), oneLine(r)));
    }
    return md.toString();
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  void writeTo(Path dir) throws IOException {
    Files.writeString(dir.resolve("result.md"), markdown());
    Files.writeString(dir.resolve("throughput.svg"), SvgCharts.throughput(summaries));
    Files.writeString(dir.resolve("freshness.svg"), SvgCharts.freshness(summaries));
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("result.json").toFile(), json());
  }

  private Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("finished", finished.toString());
    root.put(
        "machine",
        Map.of(
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "java",
            System.getProperty("java.version")));
    root.put(
        "options",
        Map.of(
            "orders",
            options.orders(),
            "runs",
            options.runs(),
            "liveSeconds",
            options.liveSeconds(),
            "liveOrdersPerSecond",
            options.liveRate(),
            "runners",
            options.runners(),
            "connectTasks",
            options.connectTasks()));
    List<Map<String, Object>> runners = new ArrayList<>();
    for (RunnerSummary s : summaries) {
      Map<String, Object> runner = new LinkedHashMap<>();
      runner.put("runner", s.runner());
      runner.put("description", s.description());
      runner.put("medianRecordsPerSecond", s.medianRecordsPerSecond());
      runner.put("minRecordsPerSecond", s.minRecordsPerSecond());
      runner.put("maxRecordsPerSecond", s.maxRecordsPerSecond());
      runner.put("medianMegabytesPerSecond", s.medianMegabytesPerSecond());
      summary("limit")
          .ifPresent(
              l ->
                  runner.put(
                      "ratioToLimit", s.medianRecordsPerSecond() / l.medianRecordsPerSecond()));
      if (s.hasFreshness()) {
        runner.put(
            "freshnessSeconds",
            Map.of(
                "p50",
                s.freshnessSeconds(0.5),
                "p95",
                s.freshnessSeconds(0.95),
                "p99",
                s.freshnessSeconds(0.99),
                "records",
                s.pooledFreshness().length));
      }
      runner.put("medianSnapshots", s.medianSnapshots());
      runner.put("medianDataFiles", s.medianDataFiles());
      runner.put("medianAverageFileBytes", s.medianAverageFileBytes());
      runner.put("peakHeapBytes", s.peakHeapBytes());
      runner.put("peakRssBytes", s.peakRssBytes());
      List<Map<String, Object>> runs = new ArrayList<>();
      for (RunResult r : s.runs()) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run", r.run());
        run.put("records", r.records());
        run.put("seconds", r.seconds());
        run.put("recordsPerSecond", r.recordsPerSecond());
        run.put("megabytesPerSecond", r.megabytesPerSecond());
        run.put("snapshots", r.snapshots());
        run.put("dataFiles", r.dataFiles());
        run.put("fileBytes", r.fileBytes());
        run.put("peakHeapBytes", r.peakHeapBytes());
        run.put("peakRssBytes", r.peakRssBytes());
        run.put("landedRows", r.landedRows());
        runs.add(run);
      }
      runner.put("runs", runs);
      List<Map<String, Object>> freshnessRuns = new ArrayList<>();
      for (FreshnessResult r : s.freshnessRuns()) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run", r.run());
        run.put("liveRecords", r.liveRecords());
        run.put("landedRows", r.landedRows());
        run.put("snapshots", r.snapshots());
        run.put("dataFiles", r.dataFiles());
        long[] f = r.freshnessMillis();
        run.put(
            "freshnessMillis",
            Map.of(
                "p50",
                TableReport.quantile(f, 0.5),
                "p95",
                TableReport.quantile(f, 0.95),
                "p99",
                TableReport.quantile(f, 0.99),
                "max",
                f.length == 0 ? 0 : f[f.length - 1],
                "records",
                f.length));
        freshnessRuns.add(run);
      }
      runner.put("freshnessRuns", freshnessRuns);
      runners.add(runner);
    }
    root.put("runners", runners);
    summary("ours")
        .ifPresent(
            o -> {
              Map<String, Object> ratios = new LinkedHashMap<>();
              summaries.stream()
                  .filter(s -> s.runner().startsWith("connect"))
                  .forEach(
                      c -> {
                        ratios.put(
                            "recordsPerSecond ours/" + c.runner(),
                            o.medianRecordsPerSecond() / c.medianRecordsPerSecond());
                        if (c.hasFreshness() && o.hasFreshness()) {
                          ratios.put(
                              "freshnessP99 ours/" + c.runner(),
                              o.freshnessSeconds(0.99) / c.freshnessSeconds(0.99));
                        }
                      });
              root.put("ratios", ratios);
            });
    return root;
  }
}
