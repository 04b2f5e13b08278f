package dev.lakehouse.nightly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lakehouse.nightly.maintenance.StepResult;
import dev.lakehouse.nightly.maintenance.TableShape;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a nightly run did: every step on every table with the table's shape before and after. Its
 * JSON form is the run's report file; {@link #summary()} is what a person reads.
 */
record NightlyReport(
    String runId, Instant startedAt, Instant endedAt, boolean dryRun, List<StepResult> steps) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  NightlyReport {
    steps = List.copyOf(steps);
  }

  /** Whether a step failed: the job then exits 1. */
  boolean failed() {
    return steps.stream().anyMatch(s -> s.status().failed());
  }

  String toJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("runId", runId);
    document.put("startedAt", startedAt.toString());
    document.put("endedAt", endedAt.toString());
    document.put("dryRun", dryRun);
    document.put("failed", failed());
    document.put("steps", steps);
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
    }
  }

  /** Per table: its shape before its first step and after its last, then one line per step. */
  String summary() {
    StringBuilder out = new StringBuilder();
    Map<String, List<StepResult>> byTable = new LinkedHashMap<>();
    steps.forEach(s -> byTable.computeIfAbsent(s.table(), t -> new java.util.ArrayList<>()).add(s));
    out.append(
        String.format(
            Locale.ROOT,
            "nightly run %s%s: %d table(s) in %s%n",
            runId,
            dryRun ? " (dry run: nothing committed)" : "",
            byTable.size(),
            seconds(Duration.between(startedAt, endedAt).toMillis())));
    byTable.forEach(
        (table, results) -> {
          TableShape before = results.get(0).before();
          TableShape after = results.get(results.size() - 1).after();
          out.append(
              String.format(
                  Locale.ROOT,
                  "%n%s  data files %,d -> %,d (avg %s -> %s), rows %,d -> %,d, delete files %,d -> %,d,"
                      + " manifests %,d -> %,d, snapshots %,d -> %,d%n",
                  table,
                  before.dataFiles(),
                  after.dataFiles(),
                  bytes(before.averageFileBytes()),
                  bytes(after.averageFileBytes()),
                  before.rows(),
                  after.rows(),
                  before.deleteFiles(),
                  after.deleteFiles(),
                  before.manifests(),
                  after.manifests(),
                  before.snapshots(),
                  after.snapshots()));
          for (StepResult step : results) {
            out.append(
                String.format(
                    Locale.ROOT,
                    "  %-25s %-13s %7s  %s%n",
                    step.step(),
                    step.status(),
                    seconds(step.millis()),
                    step.summary()));
          }
        });
    long failed = steps.stream().filter(s -> s.status().failed()).count();
    out.append(
        failed == 0
            ? String.format("%nevery step ended without a failure%n")
            : String.format(Locale.ROOT, "%n%d step(s) FAILED: see above and the log%n", failed));
    return out.toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static String bytes(long bytes) {
    if (bytes >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
    }
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }
}
