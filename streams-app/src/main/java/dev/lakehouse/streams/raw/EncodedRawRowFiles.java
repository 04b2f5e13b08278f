package dev.lakehouse.streams.raw;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Makes the Parquet data files of a raw table from {@link EncodedRawRow}s, with the table's write
 * properties (compression, dictionaries, row groups), metrics configuration and sort order, as
 * Iceberg's generic writer factory would. Raw tables are append-only: no delete files.
 */
final class EncodedRawRowFiles implements FileWriterFactory<EncodedRawRow> {
  private final Table table;
  private final Schema schema;

  EncodedRawRowFiles(Table table, Schema schema) {
    this.table = table;
    this.schema = schema;
  }

  @Override
  public DataWriter<EncodedRawRow> newDataWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    try {
      return Parquet.writeData(file)
          .schema(schema)
          .setAll(table.properties())
          .metricsConfig(MetricsConfig.forTable(table))
          .withSpec(spec)
          .withPartition(partition)
          .withKeyMetadata(file.keyMetadata())
          .withSortOrder(table.sortOrder())
          .createWriterFunc(type -> new EncodedRawRowParquetWriter(schema, type))
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a data file of " + table.name(), e);
    }
  }

  @Override
  public EqualityDeleteWriter<EncodedRawRow> newEqualityDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("raw tables take no equality deletes");
  }

  @Override
  public PositionDeleteWriter<EncodedRawRow> newPositionDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException("raw tables take no position deletes");
  }
}
