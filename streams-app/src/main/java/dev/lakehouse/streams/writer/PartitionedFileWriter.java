package dev.lakehouse.streams.writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;

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
  private final OutputFileFactory files;
  private final FileWriterFactory<Record> writers;
  private final PartitionKey partitionKey;
  private final InternalRecordWrapper wrapper;
  private FanoutDataWriter<Record> writer;
  private long rows;

  public PartitionedFileWriter(Table table, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    this.schema = table.schema();
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.files = OutputFileFactory.builderFor(table, writerNumber, System.currentTimeMillis()).format(FileFormat.PARQUET).build();
    this.writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).dataSchema(schema).build();
    this.partitionKey = new PartitionKey(table.spec(), schema);
    this.wrapper = new InternalRecordWrapper(schema.asStruct());
  }

  public Schema schema() {
    return schema;
  }

  public Table table() {
    return table;
  }

  public void write(Record record) {
    if (writer == null) {
      writer = new FanoutDataWriter<>(writers, files, table.io(), targetFileSizeBytes);
    }
    if (table.spec().isUnpartitioned()) {
      writer.write(record, table.spec(), null);
    } else {
      partitionKey.partition(wrapper.wrap(record));
      writer.write(record, table.spec(), partitionKey);
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
