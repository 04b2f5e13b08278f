package dev.lakehouse.streams.iceberg;

import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a table says about where its writer stopped: whether it has any snapshot at all, and the offsets of
 * the newest snapshot in the current lineage that carries {@value CommittedOffsets#SUMMARY_KEY}, if one does.
 */
public record TableHistory(String table, boolean hasSnapshots, Optional<CommittedOffsets> offsets) {

  /** A table that has never been committed to. */
  public static TableHistory empty(String table) {
    return new TableHistory(table, false, Optional.empty());
  }

  /** Reads the table as it is now (refreshes it first). */
  public static TableHistory of(Table table) {
    table.refresh();
    boolean hasSnapshots = table.currentSnapshot() != null || table.snapshots().iterator().hasNext();
    return new TableHistory(table.name(), hasSnapshots, CommittedOffsets.findInSnapshots(SnapshotUtil.currentAncestors(table)));
  }
}
