package dev.lakehouse.streams.iceberg;

import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a table says about where its writer stopped: whether it has any snapshot at all, and the
 * offsets of the newest snapshot in the current lineage that carries {@value
 * CommittedOffsets#SUMMARY_KEY}, if one does, with the ids of the topics they were read in ({@link
 * TopicIds}; none for a snapshot of an earlier version, or one a person wrote to move the offsets).
 */
public record TableHistory(
    String table, boolean hasSnapshots, Optional<CommittedOffsets> offsets, TopicIds topicIds) {

  public TableHistory(String table, boolean hasSnapshots, Optional<CommittedOffsets> offsets) {
    this(table, hasSnapshots, offsets, TopicIds.none());
  }

  /** A table that has never been committed to. */
  public static TableHistory empty(String table) {
    return new TableHistory(table, false, Optional.empty());
  }

  /** Reads the table as it is now (refreshes it first). */
  public static TableHistory of(Table table) {
    table.refresh();
    boolean hasSnapshots =
        table.currentSnapshot() != null || table.snapshots().iterator().hasNext();
    Optional<Snapshot> newest =
        CommittedOffsets.newestWithOffsets(SnapshotUtil.currentAncestors(table));
    return new TableHistory(
        table.name(),
        hasSnapshots,
        newest.flatMap(s -> CommittedOffsets.fromSummary(s.summary())),
        newest.map(s -> TopicIds.fromSummary(s.summary())).orElse(TopicIds.none()));
  }
}
