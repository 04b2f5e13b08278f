package dev.lakehouse.nightly;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lakehouse.nightly.maintenance.Sizes;
import dev.lakehouse.nightly.maintenance.StepResult;
import dev.lakehouse.nightly.maintenance.StepStatus;
import dev.lakehouse.nightly.maintenance.TableShape;
import dev.lakehouse.nightly.measure.MeasureResult;
import dev.lakehouse.nightly.validation.CheckResult;
import dev.lakehouse.nightly.validation.Severity;
import dev.lakehouse.nightly.validation.ValidationResultsTable;
import dev.lakehouse.nightly.views.ViewChange;
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
    String runId,
    Instant startedAt,
    Instant endedAt,
    boolean dryRun,
    List<StepResult> steps,
    List<ViewChange> views,
    List<CheckResult> checks,
    MeasureResult measure) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  NightlyReport {
    steps = List.copyOf(steps);
    views = List.copyOf(views);
    checks = List.copyOf(checks);
    measure = measure == null ? MeasureResult.skipped("not run") : measure;
  }

  /** A run without a measure step. */
  NightlyReport(
      String runId,
      Instant startedAt,
      Instant endedAt,
      boolean dryRun,
      List<StepResult> steps,
      List<ViewChange> views,
      List<CheckResult> checks) {
    this(runId, startedAt, endedAt, dryRun, steps, views, checks, null);
  }

  /** A run without a views step (a run on chosen tables that views do not read). */
  NightlyReport(
      String runId,
      Instant startedAt,
      Instant endedAt,
      boolean dryRun,
      List<StepResult> steps,
      List<CheckResult> checks) {
    this(runId, startedAt, endedAt, dryRun, steps, List.of(), checks);
  }

  /** Whether a step, a view or the measure step failed: the job then exits 1. */
  boolean failed() {
    return steps.stream().anyMatch(s -> s.status().failed())
        || views.stream().anyMatch(v -> v.action() == ViewChange.Action.FAILED)
        || measure.status() == MeasureResult.Status.FAILED;
  }

  /** Whether an error-severity check failed: the job then exits 3 (unless a step failed too). */
  boolean validationFailed() {
    return checks.stream().anyMatch(CheckResult::failedError);
  }

  /** 0 when every step ran and every error check passed; 1 when a step failed; 3 on a check. */
  int exitCode() {
    return failed() ? 1 : validationFailed() ? 3 : 0;
  }

  String toJson() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("runId", runId);
    document.put("startedAt", startedAt.toString());
    document.put("endedAt", endedAt.toString());
    document.put("dryRun", dryRun);
    document.put("failed", failed());
    document.put("validationFailed", validationFailed());
    document.put("steps", steps);
    document.put("views", views);
    document.put("checks", checks);
    document.put("measure", measure);
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report: " + e.getMessage(), e);
    }
  }

  /**
   * Per table its shape before its first step and after its last; then the steps counted by how
   * they ended, with a line for each that lost a race or failed. What each step did is in the
   * progress lines, the log and the report.
   */
  String summary() {
    StringBuilder out = new StringBuilder();
    Map<String, List<StepResult>> byTable = new LinkedHashMap<>();
    steps.forEach(s -> byTable.computeIfAbsent(s.table(), t -> new java.util.ArrayList<>()).add(s));
    out.append(
        String.format(
            Locale.ROOT,
            "nightly run %s%s: %d table(s) in %s%n%n",
            runId,
            dryRun ? " (dry run: nothing committed)" : "",
            byTable.size(),
            seconds(Duration.between(startedAt, endedAt).toMillis())));
    out.append(
        String.format(
            Locale.ROOT,
            "%-28s %17s %23s %23s %11s %11s%n",
            "table",
            "data files",
            "average file",
            "rows",
            "manifests",
            "snapshots"));
    byTable.forEach(
        (table, results) -> {
          TableShape before = results.get(0).before();
          TableShape after = results.get(results.size() - 1).after();
          out.append(
              String.format(
                  Locale.ROOT,
                  "%-28s %17s %23s %23s %11s %11s%n",
                  table,
                  change(before.dataFiles(), after.dataFiles()),
                  Sizes.readable(before.averageFileBytes())
                      + " -> "
                      + Sizes.readable(after.averageFileBytes()),
                  change(before.rows(), after.rows()),
                  change(before.manifests(), after.manifests()),
                  change(before.snapshots(), after.snapshots())));
        });
    long idle = steps.stream().filter(s -> s.status() == StepStatus.NOTHING_TO_DO).count();
    List<StepResult> troubled =
        steps.stream()
            .filter(
                s ->
                    s.status() == StepStatus.PARTIAL
                        || s.status() == StepStatus.CONFLICT
                        || s.status().failed())
            .toList();
    out.append(
        String.format(
            Locale.ROOT,
            "%n%d step(s) did their work, %d had nothing to do, %d lost a race or failed"
                + " (each step with its figures in the report)%n",
            steps.size() - idle - troubled.size(),
            idle,
            troubled.size()));
    for (StepResult step : troubled) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-28s %-24s %-9s %7s  %s%n",
              step.table(),
              step.step(),
              step.status(),
              seconds(step.millis()),
              step.summary()));
    }
    long failed = steps.stream().filter(s -> s.status().failed()).count();
    out.append(
        failed == 0
            ? String.format("%nevery step ended without a failure%n")
            : String.format(Locale.ROOT, "%n%d step(s) FAILED: see above and the log%n", failed));
    appendViews(out);
    appendValidation(out);
    appendMeasure(out);
    return out.toString();
  }

  private void appendMeasure(StringBuilder out) {
    if (measure.status() == MeasureResult.Status.SKIPPED && measure.reason().equals("not run")) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nmeasure%s: %s%s%n",
            dryRun ? " (dry run: what the run would add)" : "",
            measure.status() == MeasureResult.Status.DONE ? "DONE " : "",
            measure.outcome()));
  }

  private void appendViews(StringBuilder out) {
    if (views.isEmpty()) {
      return;
    }
    Map<ViewChange.Action, Long> counts = new java.util.EnumMap<>(ViewChange.Action.class);
    views.forEach(v -> counts.merge(v.action(), 1L, Long::sum));
    out.append(
        String.format(
            Locale.ROOT,
            "%nviews%s: %d created, %d replaced, %d unchanged, %d skipped, %d failed%n",
            dryRun ? " (dry run: what the run would do)" : "",
            counts.getOrDefault(ViewChange.Action.CREATED, 0L),
            counts.getOrDefault(ViewChange.Action.REPLACED, 0L),
            counts.getOrDefault(ViewChange.Action.UNCHANGED, 0L),
            counts.getOrDefault(ViewChange.Action.SKIPPED, 0L),
            counts.getOrDefault(ViewChange.Action.FAILED, 0L)));
    for (ViewChange view : views) {
      if (view.action() != ViewChange.Action.UNCHANGED) {
        out.append(
            String.format(
                Locale.ROOT, "  %-32s %-9s %s%n", view.view(), view.action(), view.reason()));
      }
    }
  }

  private void appendValidation(StringBuilder out) {
    if (checks.isEmpty()) {
      return;
    }
    long errors = checks.stream().filter(CheckResult::failedError).count();
    long warnings =
        checks.stream().filter(c -> !c.passed() && c.severity() == Severity.WARNING).count();
    out.append(
        String.format(
            Locale.ROOT,
            "%nvalidation: %d check(s), %d passed, %d warning(s), %d error(s)%s%n",
            checks.size(),
            checks.size() - errors - warnings,
            warnings,
            errors,
            dryRun ? "" : " (rows in " + ValidationResultsTable.ID + ")"));
    for (CheckResult check : checks) {
      if (check.passed()) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "  %-7s %-12s %-28s observed %,d, expected %s: %s%s%n",
              check.severity(),
              check.check(),
              check.table(),
              check.observed(),
              check.expected().describe(),
              check.rule(),
              check.sample().isEmpty() ? "" : "; e.g. " + String.join(", ", check.sample())));
    }
  }

  private static String change(long before, long after) {
    return String.format(Locale.ROOT, "%,d -> %,d", before, after);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
