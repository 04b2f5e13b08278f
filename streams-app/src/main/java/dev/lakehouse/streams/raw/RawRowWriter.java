package dev.lakehouse.streams.raw;

import dev.lakehouse.streams.writer.PartitionedFileWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;

/**
 * Writes typed raw rows of one table with their lineage. Rows are laid out by the table's current schema,
 * by column name, so columns added by schema evolution are simply null until the contract fills them.
 */
public final class RawRowWriter {
  private final PartitionedFileWriter files;
  private final Schema schema;
  private final Clock clock;
  /** For each contract field, its position in the table's schema (-1 when the table lacks it). */
  private final int[] positions;
  private final int topic;
  private final int partition;
  private final int offset;
  private final int kafkaTimestamp;
  private final int ingestedAt;
  private final int sourceUri;
  private final int sourceLine;

  /** The ingest time source, for tests. */
  public interface Clock {
    Instant now();
  }

  /**
   * @param fields the contract's field names, in the order {@link #write} receives their values
   */
  public RawRowWriter(Table table, List<String> fields, long targetFileSizeBytes, int writerNumber, Clock clock) {
    this.files = new PartitionedFileWriter(table, targetFileSizeBytes, writerNumber);
    this.schema = files.schema();
    this.clock = clock;
    this.positions = fields.stream().mapToInt(this::position).toArray();
    this.topic = position(RawTables.SOURCE_TOPIC);
    this.partition = position(RawTables.SOURCE_PARTITION);
    this.offset = position(RawTables.SOURCE_OFFSET);
    this.kafkaTimestamp = position(RawTables.KAFKA_TIMESTAMP);
    this.ingestedAt = position(RawTables.INGESTED_AT);
    this.sourceUri = position(RawTables.SOURCE_URI);
    this.sourceLine = position(RawTables.SOURCE_LINE);
  }

  private int position(String column) {
    List<Types.NestedField> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** Writes one row: {@code values} in the order of the constructor's {@code fields}. */
  public void write(Object[] values, Lineage lineage) {
    GenericRecord record = GenericRecord.create(schema);
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= 0) {
        record.set(positions[i], values[i]);
      }
    }
    record.set(topic, lineage.topic());
    record.set(partition, lineage.partition());
    record.set(offset, lineage.offset());
    record.set(kafkaTimestamp, OffsetDateTime.ofInstant(Instant.ofEpochMilli(lineage.kafkaTimestampMillis()), ZoneOffset.UTC));
    record.set(ingestedAt, OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC));
    record.set(sourceUri, lineage.sourceUri());
    record.set(sourceLine, lineage.sourceLine());
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
