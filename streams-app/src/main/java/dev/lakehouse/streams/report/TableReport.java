package dev.lakehouse.streams.report;

import dev.lakehouse.streams.raw.RawTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * What a table holds, read from its metadata (rows, data files, snapshots), and the freshness its
 * commits achieved, measured from the data itself: for every row a snapshot added, the time from
 * the row's Kafka timestamp on its source topic to that snapshot's commit. Independent of the app's
 * own metrics.
 */
public final class TableReport {
  private TableReport() {}

  public record Counts(long rows, long dataFiles, long snapshots) {}

  public static Counts counts(Table table) {
    table.refresh();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return new Counts(0, 0, 0);
    }
    Map<String, String> summary = current.summary();
    long snapshots = 0;
    for (Snapshot ignored : SnapshotUtil.currentAncestors(table)) {
      snapshots++;
    }
    return new Counts(
        Long.parseLong(summary.getOrDefault("total-records", "0")),
        Long.parseLong(summary.getOrDefault("total-data-files", "0")),
        snapshots);
  }

  /**
   * Freshness in milliseconds of every row added by the snapshots committed at or after {@code
   * sinceMillis}, sorted. Only rows whose Kafka timestamp is also at or after {@code sinceMillis}
   * count, so a backlog produced earlier does not pass for slowness.
   */
  public static long[] freshnessMillis(Table table, long sinceMillis) {
    return freshnessMillis(table, RawTables.KAFKA_TIMESTAMP, sinceMillis);
  }

  /**
   * As {@link #freshnessMillis(Table, long)}, with the source event's time in {@code
   * producedColumn} (a timestamptz).
   */
  public static long[] freshnessMillis(Table table, String producedColumn, long sinceMillis) {
    table.refresh();
    List<Long> latencies = new ArrayList<>();
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      if (snapshot.timestampMillis() < sinceMillis) {
        break;
      }
      for (long latency : freshnessMillis(table, snapshot, producedColumn, sinceMillis)) {
        latencies.add(latency);
      }
    }
    return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * Freshness in milliseconds of the rows one snapshot added, whose source event's time in {@code
   * producedColumn} is at or after {@code producedSinceMillis}; none for a snapshot that is not a
   * writer's append (a compaction's rewritten rows are old, not late).
   */
  public static long[] freshnessMillis(
      Table table, Snapshot snapshot, String producedColumn, long producedSinceMillis) {
    if (!DataOperations.APPEND.equals(snapshot.operation())) {
      return new long[0];
    }
    Schema projection = table.schema().select(producedColumn);
    List<Long> latencies = new ArrayList<>();
    for (DataFile file : snapshot.addedDataFiles(table.io())) {
      try (CloseableIterable<Record> rows =
          Parquet.read(table.io().newInputFile(file.location()))
              .project(projection)
              .createReaderFunc(type -> GenericParquetReaders.buildReader(projection, type))
              .build()) {
        for (Record row : rows) {
          long produced =
              ((OffsetDateTime) row.getField(producedColumn)).toInstant().toEpochMilli();
          if (produced >= producedSinceMillis) {
            latencies.add(snapshot.timestampMillis() - produced);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file.location(), e);
      }
    }
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }

  /** The value at quantile {@code q} (0..1) of sorted values, nearest rank; 0 when empty. */
  public static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }
}
