package dev.lakehouse.bench.compare;

import dev.lakehouse.streams.report.TableReport;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/** The runs of one runner reduced to medians, spreads and pooled freshness percentiles. */
record RunnerSummary(
    String runner, String description, List<RunResult> runs, List<FreshnessResult> freshnessRuns) {

  double medianRecordsPerSecond() {
    return median(runs.stream().mapToDouble(RunResult::recordsPerSecond).toArray());
  }

  double minRecordsPerSecond() {
    return runs.stream().mapToDouble(RunResult::recordsPerSecond).min().orElse(0);
  }

  double maxRecordsPerSecond() {
    return runs.stream().mapToDouble(RunResult::recordsPerSecond).max().orElse(0);
  }

  double medianMegabytesPerSecond() {
    return median(runs.stream().mapToDouble(RunResult::megabytesPerSecond).toArray());
  }

  double medianSnapshots() {
    return median(runs.stream().mapToDouble(RunResult::snapshots).toArray());
  }

  double medianDataFiles() {
    return median(runs.stream().mapToDouble(RunResult::dataFiles).toArray());
  }

  double medianAverageFileBytes() {
    return median(runs.stream().mapToDouble(RunResult::averageFileBytes).toArray());
  }

  long peakHeapBytes() {
    return runs.stream().mapToLong(RunResult::peakHeapBytes).max().orElse(0);
  }

  long peakRssBytes() {
    return runs.stream().mapToLong(RunResult::peakRssBytes).max().orElse(0);
  }

  /** Every live record's freshness over all freshness runs, sorted. */
  long[] pooledFreshness() {
    return freshnessRuns.stream()
        .flatMapToLong(r -> LongStream.of(r.freshnessMillis()))
        .sorted()
        .toArray();
  }

  boolean hasFreshness() {
    return pooledFreshness().length > 0;
  }

  /** Pooled freshness at quantile q, in seconds. */
  double freshnessSeconds(double q) {
    return TableReport.quantile(pooledFreshness(), q) / 1e3;
  }

  /**
   * Throughput runs whose tables do not hold exactly the source records (lost or written twice).
   */
  List<RunResult> runsWithWrongRowCount() {
    return runs.stream().filter(r -> r.landedRows() >= 0 && r.landedRows() != r.records()).toList();
  }

  /** Freshness runs whose tables do not hold exactly the live records. */
  List<FreshnessResult> freshnessRunsWithWrongRowCount() {
    return freshnessRuns.stream().filter(r -> r.landedRows() != r.liveRecords()).toList();
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
