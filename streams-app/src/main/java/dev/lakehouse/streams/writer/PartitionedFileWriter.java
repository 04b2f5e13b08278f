package dev.lakehouse.streams.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Writes rows of one table into Parquet data files: one open file per table partition, rolled at
 * the target size. {@link #complete()} closes the files and returns them, ready for one commit; the
 * writer is then reused for the next batch. Rows must be laid out by {@link #schema()}, the table's
 * schema when the writer was made.
 *
 * @param <T> the row type its file writers take
 */
public final class PartitionedFileWriter<T> {
  private final Table table;
  private final Schema schema;
  private final long targetFileSizeBytes;
  private final OutputFileFactory files;
  private final FileWriterFactory<T> writers;
  private final Function<T, StructLike> partitionSource;
  private final PartitionKey partitionKey;
  private FanoutDataWriter<T> writer;
  private long rows;

  /**
   * @param schema the schema the rows are laid out by
   * @param partitionSource a row as the partition key reads it (Iceberg's internal values)
   */
  public PartitionedFileWriter(
      Table table,
      Schema schema,
      FileWriterFactory<T> writers,
      Function<T, StructLike> partitionSource,
      long targetFileSizeBytes,
      int writerNumber) {
    this.table = table;
    this.schema = schema;
    this.writers = writers;
    this.partitionSource = partitionSource;
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.files =
        OutputFileFactory.builderFor(table, writerNumber, System.currentTimeMillis())
            .format(FileFormat.PARQUET)
            .build();
    this.partitionKey =
        table.spec().isUnpartitioned() ? null : new PartitionKey(table.spec(), schema);
  }

  /** A writer of Iceberg generic records, laid out by the table's current schema. */
  public static PartitionedFileWriter<Record> ofRecords(
      Table table, long targetFileSizeBytes, int writerNumber) {
    TableFiles tableFiles = new TableFiles(table, writerNumber);
    InternalRecordWrapper wrapper = new InternalRecordWrapper(tableFiles.schema.asStruct());
    return new PartitionedFileWriter<>(
        table,
        tableFiles.schema,
        tableFiles.writers,
        wrapper::wrap,
        targetFileSizeBytes,
        writerNumber);
  }

  public Schema schema() {
    return schema;
  }

  public Table table() {
    return table;
  }

  public void write(T row) {
    if (writer == null) {
      writer = new FanoutDataWriter<>(writers, files, table.io(), targetFileSizeBytes);
    }
    if (partitionKey == null) {
      writer.write(row, table.spec(), null);
    } else {
      partitionKey.partition(partitionSource.apply(row));
      writer.write(row, table.spec(), partitionKey);
    }
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

  /**
   * Drops an abandoned batch: its closed files become orphans for the nightly remove_orphan_files.
   */
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
