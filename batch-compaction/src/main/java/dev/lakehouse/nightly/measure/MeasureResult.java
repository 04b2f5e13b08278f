package dev.lakehouse.nightly.measure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the measure step did (or, in a dry run, would do): rows added per star-schema table, or why
 * it did not run.
 */
public record MeasureResult(Status status, Map<String, Long> added, String reason, long millis) {
  /** How the step ended. */
  public enum Status {
    DONE,
    /** Not run: no process log yet, or a run on chosen tables. */
    SKIPPED,
    FAILED
  }

  public MeasureResult {
    added = Collections.unmodifiableMap(new LinkedHashMap<>(added));
  }

  /**
   * What it did in one line: the rows added per table ({@code measure.fact_process +14, …}) when it
   * ran, else its status and reason.
   */
  public String outcome() {
    if (status != Status.DONE) {
      return status + " " + reason;
    }
    StringBuilder line = new StringBuilder();
    added.forEach(
        (table, rows) ->
            line.append(line.length() == 0 ? "" : ", ").append(table).append(" +").append(rows));
    return line.toString();
  }

  public static MeasureResult skipped(String reason) {
    return new MeasureResult(Status.SKIPPED, Map.of(), reason, 0);
  }
}
