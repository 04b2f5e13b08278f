package dev.lakehouse.nightly.maintenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step says it did: its status, one readable line, and the figures behind it (counts and
 * sizes by name, in the order they were added).
 */
public record StepOutcome(StepStatus status, String summary, Map<String, Object> figures) {
  public StepOutcome {
    figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  public static StepOutcome of(StepStatus status, String summary) {
    return new StepOutcome(status, summary, Map.of());
  }

  public StepOutcome with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(figures);
    more.put(name, value);
    return new StepOutcome(status, summary, more);
  }
}
