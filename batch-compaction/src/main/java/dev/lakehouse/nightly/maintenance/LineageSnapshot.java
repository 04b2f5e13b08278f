package dev.lakehouse.nightly.maintenance;

import java.util.Set;

/**
 * One snapshot of a table's current lineage, as the expiry plan sees it: its id, when it was
 * committed, and which keys its summary carries.
 */
public record LineageSnapshot(long id, long timestampMillis, Set<String> summaryKeys) {
  public LineageSnapshot {
    summaryKeys = Set.copyOf(summaryKeys);
  }
}
