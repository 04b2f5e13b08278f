package dev.lakehouse.streams.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;

/**
 * Writes rows of one table into Parquet data files: one open file per table partition, rolled at the
 * target size. {@link #complete()} closes the files and returns them, ready for one commit; the writer is
 * then reused for the next batch. Rows must be laid out by {@link #schema()}, the table's schema when the
 * writer was made.
 */
public final class PartitionedFileWriter {
  private final Table table;
  private final Schema schema;
  private final long targetFileSizeBytes;
  private final TableFiles tableFiles;
  private FanoutDataWriter<Record> writer;
  private long rows;

  public PartitionedFileWriter(Table table, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    this.tableFiles = new TableFiles(table, writerNumber);
    this.schema = tableFiles.schema;
    this.targetFileSizeBytes = targetFileSizeBytes;
  }

  public Schema schema() {
    return schema;
  }

  public Table table() {
    return table;
  }

  public void write(Record record) {
    if (writer == null) {
      writer = new FanoutDataWriter<>(tableFiles.writers, tableFiles.files, table.io(), targetFileSizeBytes);
    }
    writer.write(record, table.spec(), tableFiles.partition(record));
    rows++;
  }

  /** Rows written since the last {@link #complete()}. */
  public long rows() {
    return rows;
  }

  /** Closes the open files and returns them (empty when no row was written). */
  public List<DataFile> complete() {
    if (writer == null) {
      return List.of();
    }
    try {
      writer.close();
      return List.copyOf(writer.result().dataFiles());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the data files of " + table.name(), e);
    } finally {
      writer = null;
      rows = 0;
    }
  }

  /** Drops an abandoned batch: its closed files become orphans for the nightly remove_orphan_files. */
  public void abort() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // nothing to keep
      } finally {
        writer = null;
        rows = 0;
      }
    }
  }
}
