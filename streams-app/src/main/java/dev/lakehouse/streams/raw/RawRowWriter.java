package dev.lakehouse.streams.raw;

import dev.lakehouse.streams.writer.PartitionedFileWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;

/**
 * Writes typed raw rows of one table with their lineage. Rows are laid out by the table's current schema,
 * by column name, so columns added by schema evolution are simply null until the contract fills them.
 */
public final class RawRowWriter {
  private final PartitionedFileWriter files;
  private final Schema schema;
  private final Clock clock;

  /** The ingest time source, for tests. */
  public interface Clock {
    Instant now();
  }

  public RawRowWriter(Table table, long targetFileSizeBytes, int writerNumber, Clock clock) {
    this.files = new PartitionedFileWriter(table, targetFileSizeBytes, writerNumber);
    this.schema = files.schema();
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
    files.write(record);
  }

  /** Rows written since the last {@link #complete()}. */
  public long rows() {
    return files.rows();
  }

  /** Closes the open files and returns them (empty when no row was written). */
  public List<DataFile> complete() {
    return files.complete();
  }

  /** Drops an abandoned batch: its closed files become orphans for the nightly remove_orphan_files. */
  public void abort() {
    files.abort();
  }
}
