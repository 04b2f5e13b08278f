package dev.lakehouse.streams.writer;

import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * What a writer needs to make Parquet data files for one table: the table's schema when the writer
 * was made, the file name and writer factories, and the partition of a row. Not thread safe (the
 * key is reused).
 */
final class TableFiles {
  final Table table;
  final Schema schema;
  final OutputFileFactory files;
  final FileWriterFactory<Record> writers;
  private final PartitionKey partitionKey;
  private final InternalRecordWrapper wrapper;

  TableFiles(Table table, int writerNumber) {
    this.table = table;
    this.schema = table.schema();
    this.files =
        OutputFileFactory.builderFor(table, writerNumber, System.currentTimeMillis())
            .format(FileFormat.PARQUET)
            .build();
    this.writers =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(schema)
            .build();
    this.partitionKey = new PartitionKey(table.spec(), schema);
    this.wrapper = new InternalRecordWrapper(schema.asStruct());
  }

  /**
   * The partition of {@code record}, in a key reused by the next call (copy it to keep it); null
   * when unpartitioned.
   */
  PartitionKey partition(Record record) {
    if (table.spec().isUnpartitioned()) {
      return null;
    }
    partitionKey.partition(wrapper.wrap(record));
    return partitionKey;
  }

  /** The key to write with: null for an unpartitioned table. */
  StructLike writeKey(PartitionKey key) {
    return table.spec().isUnpartitioned() ? null : key;
  }
}
