package dev.lakehouse.streams.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.ClusteredDataWriter;

/**
 * Writes a batch of rows of one table partition by partition, with one open data file at a time.
 * Rows are held in their compact encoded form, grouped by partition, until {@link #complete} writes
 * them. Memory is the batch's encoded bytes, whatever the number of partitions or columns; a
 * fan-out writer would instead keep a Parquet writer with buffers for every column open in every
 * partition the batch touched, which for wide tables spread over months of days does not fit a
 * small heap.
 */
public final class ClusteredBatchWriter {
  private final Table table;
  private final Schema schema;
  private final long targetFileSizeBytes;
  private final TableFiles tableFiles;
  private final Map<PartitionKey, List<Held>> rowsByPartition = new LinkedHashMap<>();
  private long rows;
  private long bytes;

  public ClusteredBatchWriter(Table table, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    this.tableFiles = new TableFiles(table, writerNumber);
    this.schema = tableFiles.schema;
    this.targetFileSizeBytes = targetFileSizeBytes;
  }

  /** The table's schema when the writer was made: rows must be laid out by it. */
  public Schema schema() {
    return schema;
  }

  /** A row held until the batch is written: its encoded form, and the number its caller gave it. */
  private record Held(byte[] encoded, int ordinal) {}

  /**
   * Turns a held row into the record to write, or into null to leave it out (the decoder keeps
   * why).
   */
  @FunctionalInterface
  public interface RowDecoder {
    Record decode(byte[] encoded, int ordinal);
  }

  /**
   * Adds a row: {@code record} (its decoded form, used only for its partition), {@code encoded},
   * what is kept, and {@code ordinal}, which the decoder is given back with it.
   */
  public void add(Record record, byte[] encoded, int ordinal) {
    PartitionKey key = tableFiles.partition(record);
    List<Held> partition = rowsByPartition.get(key);
    if (partition == null) {
      partition = new ArrayList<>();
      rowsByPartition.put(key == null ? null : key.copy(), partition);
    }
    partition.add(new Held(encoded, ordinal));
    rows++;
    bytes += encoded.length;
  }

  public long rows() {
    return rows;
  }

  /** Encoded bytes held. */
  public long bytes() {
    return bytes;
  }

  /**
   * Writes the held rows, partition by partition, decoding each with {@code decode} and leaving out
   * those it turns into null; returns the files (empty without rows).
   */
  public List<DataFile> complete(RowDecoder decode) {
    if (rowsByPartition.isEmpty()) {
      return List.of();
    }
    ClusteredDataWriter<Record> writer =
        new ClusteredDataWriter<>(
            tableFiles.writers, tableFiles.files, table.io(), targetFileSizeBytes);
    try {
      for (Map.Entry<PartitionKey, List<Held>> partition : rowsByPartition.entrySet()) {
        StructLike key = tableFiles.writeKey(partition.getKey());
        for (Held row : partition.getValue()) {
          Record record = decode.decode(row.encoded(), row.ordinal());
          if (record != null) {
            writer.write(record, table.spec(), key);
          }
        }
      }
      writer.close();
      return List.copyOf(writer.result().dataFiles());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the data files of " + table.name(), e);
    } finally {
      clear();
    }
  }

  /** Drops the held rows (an abandoned batch). */
  public void abort() {
    clear();
  }

  private void clear() {
    rowsByPartition.clear();
    rows = 0;
    bytes = 0;
  }
}
