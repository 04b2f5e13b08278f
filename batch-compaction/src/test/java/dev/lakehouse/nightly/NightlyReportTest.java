package dev.lakehouse.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.nightly.maintenance.StepResult;
import dev.lakehouse.nightly.maintenance.StepStatus;
import dev.lakehouse.nightly.maintenance.TableShape;
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
                    COMPACTED)));

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
                    SMALL_FILES)));

    assertThat(report.failed()).isTrue();
    assertThat(report.summary()).contains("1 step(s) FAILED", "(dry run: nothing committed)");
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.get("runId").asText()).isEqualTo("run-2");
    assertThat(json.get("failed").asBoolean()).isTrue();
    assertThat(json.get("steps")).hasSize(2);
    assertThat(json.get("steps").get(0).get("before").get("dataFiles").asLong()).isEqualTo(150);
    assertThat(json.get("steps").get(0).get("figures").get("files").asLong()).isEqualTo(3);
  }

  private static StepResult step(
      String table,
      String step,
      StepStatus status,
      String summary,
      TableShape before,
      TableShape after) {
    return new StepResult(table, step, status, summary, Map.of("files", 3), before, after, 1_200);
  }
}
