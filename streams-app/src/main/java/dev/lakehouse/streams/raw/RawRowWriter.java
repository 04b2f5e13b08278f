package dev.lakehouse.streams.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Writes typed raw rows of one table into Parquet data files: one open file per table partition, rolled
 * at the target size. {@link #complete()} closes the files and returns them, ready for one commit; the
 * writer can then be reused for the next batch. Rows are laid out by the table's current schema, by
 * column name, so columns added by schema evolution are simply null until the contract fills them.
 */
public final class RawRowWriter {
  private final Table table;
  private final Schema schema;
  private final long targetFileSizeBytes;
  private final OutputFileFactory files;
  private final FileWriterFactory<Record> writers;
  private final PartitionKey partitionKey;
  private final InternalRecordWrapper wrapper;
  private final Clock clock;
  private FanoutDataWriter<Record> writer;
  private long rows;

  /** The ingest time source, for tests. */
  public interface Clock {
    Instant now();
  }

  public RawRowWriter(Table table, long targetFileSizeBytes, int writerNumber, Clock clock) {
    this.table = table;
    this.schema = table.schema();
    this.targetFileSizeBytes = targetFileSizeBytes;
    this.files = OutputFileFactory.builderFor(table, writerNumber, System.currentTimeMillis()).format(FileFormat.PARQUET).build();
    this.writers = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).dataSchema(schema).build();
    this.partitionKey = new PartitionKey(table.spec(), schema);
    this.wrapper = new InternalRecordWrapper(schema.asStruct());
    this.clock = clock;
  }

  public void write(Map<String, Object> values, Lineage lineage) {
    GenericRecord record = GenericRecord.create(schema);
    values.forEach((name, value) -> {
      if (schema.findField(name) != null) {
        record.setField(name, value);
      }
    });
    record.setField(RawTables.SOURCE_TOPIC, lineage.topic());
    record.setField(RawTables.SOURCE_PARTITION, lineage.partition());
    record.setField(RawTables.SOURCE_OFFSET, lineage.offset());
    record.setField(RawTables.KAFKA_TIMESTAMP, OffsetDateTime.ofInstant(Instant.ofEpochMilli(lineage.kafkaTimestampMillis()), ZoneOffset.UTC));
    record.setField(RawTables.INGESTED_AT, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
    record.setField(RawTables.SOURCE_URI, lineage.sourceUri());
    record.setField(RawTables.SOURCE_LINE, lineage.sourceLine());
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
