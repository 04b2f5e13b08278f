package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.streams.writer.PartitionedFileWriter;
import dev.lakehouse.streams.writer.RowVerdict;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;

/**
 * Writes typed raw rows of one table with their lineage, straight from their rows-topic form
 * ({@link RawRowCodec}) into Parquet ({@link EncodedRawRow}). Rows are laid out by the table's
 * current schema, by column name, so columns added by schema evolution are simply null until the
 * contract fills them.
 */
public final class RawRowWriter {
  private final RawRowCodec codec;
  private final EncodedRawRow row;
  private final RowFit fit;
  private final PartitionedFileWriter<EncodedRawRow> files;
  private final Clock clock;

  /** The ingest time source, for tests. */
  public interface Clock {
    Instant now();
  }

  public RawRowWriter(
      DatasetContract dataset,
      Table table,
      long targetFileSizeBytes,
      int writerNumber,
      Clock clock) {
    Schema schema = table.schema();
    this.codec = new RawRowCodec(dataset);
    this.row = new EncodedRawRow(dataset, schema, codec.fields());
    this.fit = new RowFit(schema);
    this.files =
        new PartitionedFileWriter<>(
            table,
            schema,
            new EncodedRawRowFiles(table, schema),
            encoded -> encoded,
            targetFileSizeBytes,
            writerNumber);
    this.clock = clock;
  }

  /**
   * Writes one row in its rows-topic form ({@link RawRowCodec#isEncoded}) if the table can hold all
   * of it ({@link RowFit}); a row it refuses is not written at all.
   */
  public RowVerdict write(byte[] encoded) {
    Instant now = clock.now();
    RowVerdict verdict =
        fit.load(
            row,
            encoded,
            Math.addExact(
                Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000));
    if (verdict.ok()) {
      files.write(row);
    }
    return verdict;
  }

  /** Writes one row: {@code values} in the contract's field order. */
  public RowVerdict write(Object[] values, Lineage lineage) {
    return write(codec.encode(values, lineage));
  }

  /** The lineage of the row last given to {@link #write}, when its verdict says it decoded. */
  public Lineage lastLineage() {
    return row.lineage();
  }

  /** Rows written since the last {@link #complete()}. */
  public long rows() {
    return files.rows();
  }

  /** Closes the open files and returns them (empty when no row was written). */
  public List<DataFile> complete() {
    return files.complete();
  }

  /**
   * Drops an abandoned batch: its closed files become orphans for the nightly remove_orphan_files.
   */
  public void abort() {
    files.abort();
  }
}
