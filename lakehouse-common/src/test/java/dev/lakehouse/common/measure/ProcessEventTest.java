package dev.lakehouse.common.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessEventTest {
  private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
  private static final Instant END = Instant.parse("2026-12-07T10:00:02.500Z");

  private static ProcessEvent commit() {
    return new ProcessEvent(
        "writer-7",
        null,
        Job.streamsCommit("raw.order"),
        ProcessStatus.SUCCEEDED,
        START,
        END,
        new ProcessCounters(120, 118, 2, 3, 45_000),
        Freshness.of(new long[] {900, 1_200, 4_000}),
        Map.of(
            ProcessAttribute.TABLE_NAME,
            "raw.order",
            ProcessAttribute.OFFSETS,
            "src.food.order-0:[0,120)"));
  }

  @Test
  void jobNamesAreMadeInOnePlace() {
    assertThat(Job.ingestFiles()).isEqualTo(new Job("ingest-files", JobKind.INGEST, "source"));
    assertThat(Job.ingestFile().name()).isEqualTo("ingest-files:file");
    assertThat(Job.streamsCommit("trusted.order"))
        .isEqualTo(new Job("streams-commit:trusted.order", JobKind.STREAMS_COMMIT, "trusted"));
    assertThat(Job.nightly("compact", "raw.order_status"))
        .isEqualTo(new Job("nightly:compact:raw.order_status", JobKind.NIGHTLY, "raw"));
    assertThat(Job.validation("uniqueness"))
        .isEqualTo(new Job("validation:uniqueness", JobKind.VALIDATION, "lake"));
    assertThatThrownBy(() -> Job.streamsCommit("order")).hasMessageContaining("<namespace>.<name>");
    assertThatThrownBy(() -> Job.nightly("Compact Now", "raw.order"))
        .hasMessageContaining("lower-case");
  }

  @Test
  void anEventSurvivesItsJsonAndTheJsonIsFlat() {
    ProcessEvent event = commit();
    byte[] json = ProcessEventJson.write(event);
    assertThat(ProcessEventJson.read(json)).isEqualTo(event);
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"event_id\":\"writer-7/SUCCEEDED\"")
        .contains("\"job\":\"streams-commit:raw.order\"")
        .contains("\"duration_seconds\":2.5")
        .contains("\"freshness_p99_ms\":4000")
        .contains("\"offsets\":\"src.food.order-0:[0,120)\"");
  }

  @Test
  void aStartHasNoEndAndAnEndComesAfterTheStart() {
    ProcessEvent started = ProcessEvent.started("run-1", null, Job.ingestFiles(), START);
    assertThat(started.durationSeconds()).isEmpty();
    assertThat(ProcessEventJson.read(ProcessEventJson.write(started))).isEqualTo(started);
    assertThatThrownBy(
            () ->
                new ProcessEvent(
                    "run-1",
                    null,
                    Job.ingestFiles(),
                    ProcessStatus.FAILED,
                    END,
                    START,
                    ProcessCounters.NONE,
                    null,
                    null))
        .hasMessageContaining("before it started");
    assertThatThrownBy(
            () ->
                new ProcessEvent(
                    "run-1",
                    null,
                    Job.ingestFiles(),
                    ProcessStatus.SUCCEEDED,
                    START,
                    null,
                    ProcessCounters.NONE,
                    null,
                    null))
        .hasMessageContaining("endedAt");
  }

  @Test
  void readingRefusesWhatWritingWouldNotProduce() {
    String good = new String(ProcessEventJson.write(commit()), StandardCharsets.UTF_8);
    for (String bad :
        new String[] {
          "not json",
          "[1]",
          good.replace("\"rows_in\":120", "\"rows_in\":1.5"),
          good.replace("\"rows_in\":120", "\"rows_in\":-1"),
          good.replace("\"status\":\"SUCCEEDED\"", "\"status\":\"DONE\""),
          good.replace("\"event_id\":\"writer-7/SUCCEEDED\"", "\"event_id\":\"other/SUCCEEDED\""),
          good.replace("\"table_name\":", "\"message\":"),
          good.replace("\"started_at\":\"2026-12-07T10:00:00Z\"", "\"started_at\":\"yesterday\"")
        }) {
      assertThatThrownBy(() -> ProcessEventJson.read(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void freshnessIsByNearestRank() {
    long[] ages = new long[200];
    for (int i = 0; i < ages.length; i++) {
      ages[i] = (i + 1) * 10L;
    }
    assertThat(Freshness.of(ages)).isEqualTo(new Freshness(1_000, 1_980, 2_000));
    assertThat(Freshness.of(new long[] {-50, 7})).isEqualTo(new Freshness(0, 7, 7));
    assertThatThrownBy(() -> Freshness.of(new long[0])).hasMessageContaining("no ages");
  }

  @Test
  void countersAddUpAndAreNeverNegative() {
    assertThat(new ProcessCounters(1, 2, 3, 4, 5).plus(new ProcessCounters(10, 20, 30, 40, 50)))
        .isEqualTo(new ProcessCounters(11, 22, 33, 44, 55));
    assertThatThrownBy(() -> new ProcessCounters(0, 0, -1, 0, 0)).hasMessageContaining("negative");
  }
}
