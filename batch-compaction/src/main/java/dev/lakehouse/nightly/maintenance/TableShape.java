package dev.lakehouse.nightly.maintenance;

import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/**
 * A table's shape at its current snapshot, from the snapshot's totals and its manifest list: what
 * each step reports before and after it ran.
 *
 * @param dataFiles live data files
 * @param bytes bytes of the live data and delete files
 * @param records rows in the data files, before their deletes apply
 * @param deleteFiles live delete files
 * @param positionDeletes rows that position deletes remove
 * @param manifests manifests of the current snapshot
 * @param snapshots snapshots the metadata holds
 */
public record TableShape(
    long dataFiles,
    long bytes,
    long records,
    long deleteFiles,
    long positionDeletes,
    int manifests,
    int snapshots) {
  static final TableShape EMPTY = new TableShape(0, 0, 0, 0, 0, 0, 0);

  public static TableShape of(Table table) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return EMPTY;
    }
    Map<String, String> summary = current.summary();
    int snapshots = 0;
    for (Snapshot ignored : table.snapshots()) {
      snapshots++;
    }
    return new TableShape(
        total(summary, SnapshotSummary.TOTAL_DATA_FILES_PROP),
        total(summary, SnapshotSummary.TOTAL_FILE_SIZE_PROP),
        total(summary, SnapshotSummary.TOTAL_RECORDS_PROP),
        total(summary, SnapshotSummary.TOTAL_DELETE_FILES_PROP),
        total(summary, SnapshotSummary.TOTAL_POS_DELETES_PROP),
        current.allManifests(table.io()).size(),
        snapshots);
  }

  /** The rows a reader sees: the data files' rows minus those the position deletes remove. */
  public long rows() {
    return records - positionDeletes;
  }

  /** The mean size of a data file, or 0 for an empty table. */
  public long averageFileBytes() {
    return dataFiles == 0 ? 0 : bytes / dataFiles;
  }

  private static long total(Map<String, String> summary, String key) {
    String value = summary.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }
}
