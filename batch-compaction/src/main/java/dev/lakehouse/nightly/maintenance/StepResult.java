package dev.lakehouse.nightly.maintenance;

import java.time.Instant;
import java.util.Map;

/** One step on one table, as the run's report holds it. */
public record StepResult(
    String table,
    String step,
    StepStatus status,
    String summary,
    Map<String, Object> figures,
    TableShape before,
    TableShape after,
    Instant startedAt,
    long millis) {

  static StepResult of(
      String table,
      String step,
      StepOutcome outcome,
      TableShape before,
      TableShape after,
      Instant startedAt,
      long millis) {
    return new StepResult(
        table,
        step,
        outcome.status(),
        outcome.summary(),
        outcome.figures(),
        before,
        after,
        startedAt,
        millis);
  }
}
