package dev.lakehouse.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.nightly.maintenance.StepResult;
import dev.lakehouse.nightly.maintenance.StepStatus;
import dev.lakehouse.nightly.maintenance.TableShape;
import dev.lakehouse.nightly.measure.MeasureResult;
import dev.lakehouse.nightly.validation.CheckResult;
import dev.lakehouse.nightly.validation.Expectation;
import dev.lakehouse.nightly.validation.Severity;
import dev.lakehouse.nightly.views.ViewChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NightlyReportTest {
  private static final TableShape SMALL_FILES = new TableShape(150, 150 << 20, 22_000, 0, 0, 40, 7);
  private static final TableShape COMPACTED = new TableShape(1, 149 << 20, 22_000, 0, 0, 2, 8);
  private static final Instant START = Instant.parse("2026-12-07T03:00:00Z");

  @Test
  void theSummaryShowsEachTablesShapeAndOnlyTheStepsThatDidSomething() {
    NightlyReport report =
        new NightlyReport(
            "run-1",
            START,
            START.plusSeconds(90),
            false,
            List.of(
                step(
                    "raw.order",
                    "consolidate",
                    StepStatus.NOTHING_TO_DO,
                    "not a versioned table",
                    SMALL_FILES,
                    SMALL_FILES),
                step(
                    "raw.order",
                    "compact",
                    StepStatus.DONE,
                    "rewrote 150 file(s) into 1",
                    SMALL_FILES,
                    COMPACTED),
                step(
                    "raw.order",
                    "expire_snapshots",
                    StepStatus.CONFLICT,
                    "skipped: a concurrent commit won",
                    COMPACTED,
                    COMPACTED)),
            List.of());

    String summary = report.summary();

    assertThat(summary)
        .contains("nightly run run-1: 1 table(s) in 90.0 s")
        .contains("150 -> 1", "1.0 MB -> 149.0 MB", "22,000 -> 22,000", "40 -> 2", "7 -> 8")
        .contains("1 step(s) did their work, 1 had nothing to do, 1 lost a race or failed")
        .contains("expire_snapshots", "CONFLICT", "skipped: a concurrent commit won")
        .doesNotContain("not a versioned table")
        .doesNotContain("rewrote 150 file(s) into 1")
        .contains("every step ended without a failure");
    assertThat(report.failed()).isFalse();
  }

  @Test
  void aFailedStepFailsTheRunAndTheJsonHoldsEveryStep() throws Exception {
    NightlyReport report =
        new NightlyReport(
            "run-2",
            START,
            START.plusSeconds(5),
            true,
            List.of(
                step(
                    "raw.order",
                    "compact",
                    StepStatus.FAILED,
                    "failed: S3 is down",
                    SMALL_FILES,
                    SMALL_FILES),
                step(
                    "raw.order",
                    "expire_snapshots",
                    StepStatus.NOTHING_TO_DO,
                    "nothing old",
                    SMALL_FILES,
                    SMALL_FILES)),
            List.of());

    assertThat(report.failed()).isTrue();
    assertThat(report.summary()).contains("1 step(s) FAILED", "(dry run: nothing committed)");
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.get("runId").asText()).isEqualTo("run-2");
    assertThat(json.get("failed").asBoolean()).isTrue();
    assertThat(json.get("steps")).hasSize(2);
    assertThat(json.get("steps").get(0).get("before").get("dataFiles").asLong()).isEqualTo(150);
    assertThat(json.get("steps").get(0).get("figures").get("files").asLong()).isEqualTo(3);
  }

  @Test
  void aFailedErrorCheckExitsThreeAndTheSummaryNamesItsSample() throws Exception {
    NightlyReport report =
        new NightlyReport(
            "run-3",
            START,
            START.plusSeconds(5),
            false,
            List.of(),
            List.of(
                CheckResult.of(
                    "completeness",
                    "raw.order",
                    "rows + dead letters = the records of src.food.order",
                    Severity.ERROR,
                    99,
                    Expectation.equalTo(100),
                    List.of("src.food.order-0@41")),
                CheckResult.of(
                    "consistency",
                    "trusted.order",
                    "order_total_amount = ...",
                    Severity.WARNING,
                    7,
                    Expectation.equalTo(0),
                    List.of()),
                CheckResult.of(
                    "freshness",
                    "raw.order",
                    "seconds since the newest data commit",
                    Severity.WARNING,
                    30,
                    Expectation.atMost(86_400),
                    List.of())));

    assertThat(report.failed()).isFalse();
    assertThat(report.validationFailed()).isTrue();
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.summary())
        .contains("validation: 3 check(s), 1 passed, 1 warning(s), 1 error(s)")
        .contains("observed 99, expected = 100", "src.food.order-0@41")
        .contains("observed 7, expected = 0")
        .doesNotContain("seconds since the newest data commit");
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.get("validationFailed").asBoolean()).isTrue();
    assertThat(json.get("checks")).hasSize(3);
    assertThat(json.get("checks").get(0).get("passed").asBoolean()).isFalse();
  }

  private static StepResult step(
      String table,
      String step,
      StepStatus status,
      String summary,
      TableShape before,
      TableShape after) {
    return new StepResult(
        table, step, status, summary, Map.of("files", 3), before, after, START, 1_200);
  }

  @Test
  void theViewsStepIsCountedAndAFailedViewFailsTheRun() {
    NightlyReport report =
        new NightlyReport(
            "run-2",
            START,
            START.plusSeconds(10),
            false,
            List.of(),
            List.of(
                new ViewChange("trusted.order_current", ViewChange.Action.UNCHANGED, "as wanted"),
                new ViewChange("mart.orders", ViewChange.Action.CREATED, "no such view"),
                new ViewChange(
                    "mart.daily_orders", ViewChange.Action.REPLACED, "its trino SQL changed")),
            List.of());
    assertThat(report.summary())
        .contains("views: 1 created, 1 replaced, 1 unchanged, 0 skipped, 0 failed")
        .contains("mart.daily_orders")
        .doesNotContain("trusted.order_current");
    assertThat(report.exitCode()).isZero();
    assertThat(report.toJson()).contains("\"action\" : \"CREATED\"");

    NightlyReport failed =
        new NightlyReport(
            "run-3",
            START,
            START.plusSeconds(10),
            false,
            List.of(),
            List.of(new ViewChange("mart.orders", ViewChange.Action.FAILED, "boom")),
            List.of());
    assertThat(failed.exitCode()).isEqualTo(1);
  }

  @Test
  void theMeasureStepIsSummarisedAndItsFailureFailsTheRun() throws Exception {
    NightlyReport measured =
        new NightlyReport(
            "run-m",
            START,
            START.plusSeconds(30),
            false,
            List.of(),
            List.of(),
            List.of(),
            new MeasureResult(
                MeasureResult.Status.DONE,
                new java.util.LinkedHashMap<>(
                    Map.of("measure.dim_job", 2L, "measure.fact_process", 14L)),
                "",
                900));
    assertThat(measured.summary()).contains("measure: DONE", "measure.fact_process +14");
    assertThat(measured.failed()).isFalse();
    JsonNode json = new ObjectMapper().readTree(measured.toJson());
    assertThat(json.get("measure").get("added").get("measure.fact_process").asLong()).isEqualTo(14);

    NightlyReport failed =
        new NightlyReport(
            "run-f",
            START,
            START.plusSeconds(30),
            false,
            List.of(),
            List.of(),
            List.of(),
            new MeasureResult(MeasureResult.Status.FAILED, Map.of(), "AnalysisException: x", 10));
    assertThat(failed.failed()).isTrue();
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.summary()).contains("measure: FAILED AnalysisException: x");

    NightlyReport without =
        new NightlyReport("run-n", START, START, false, List.of(), List.of(), List.of());
    assertThat(without.summary()).doesNotContain("measure");
  }
}
