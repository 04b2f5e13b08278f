package dev.lakehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/**
 * Writes small Parquet data files into a table through its FileIO (S3FileIO here), one commit per
 * file.
 */
final class IcebergTables {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "city", Types.StringType.get()),
          Types.NestedField.optional(3, "created_at", Types.TimestampType.withZone()));

  static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).day("created_at").build();

  private IcebergTables() {}

  static Record row(long id, String city) {
    GenericRecord record = GenericRecord.create(SCHEMA);
    record.setField("id", id);
    record.setField("city", city);
    record.setField("created_at", OffsetDateTime.of(2019, 1, 17, 22, 50, 6, 0, ZoneOffset.UTC));
    return record;
  }

  /** Appends the rows as one new Parquet file in one commit; returns the file. */
  static DataFile appendFile(Table table, List<Record> rows) {
    return appendFile(table, rows, java.util.Map.of());
  }

  /**
   * Appends the rows as one new Parquet file in one commit whose summary carries {@code summary}
   * (as the Streams writer's commits carry their offsets); returns the file.
   */
  static DataFile appendFile(
      Table table, List<Record> rows, java.util.Map<String, String> summary) {
    DataFile file = writeFile(table, rows);
    org.apache.iceberg.AppendFiles append = table.newAppend().appendFile(file);
    summary.forEach(append::set);
    append.commit();
    return file;
  }

  /** Writes the rows as one new Parquet file of the table and commits nothing: an orphan. */
  static DataFile writeFile(Table table, List<Record> rows) {
    Record partitionSource = rows.get(0);
    org.apache.iceberg.PartitionKey key =
        new org.apache.iceberg.PartitionKey(table.spec(), table.schema());
    key.partition(
        new org.apache.iceberg.data.InternalRecordWrapper(table.schema().asStruct())
            .wrap(partitionSource));
    String name = UUID.randomUUID() + ".parquet";
    String path =
        table.spec().isUnpartitioned()
            ? table.locationProvider().newDataLocation(name)
            : table.locationProvider().newDataLocation(table.spec(), key, name);
    OutputFile output = table.io().newOutputFile(path);
    DataWriter<Record> writer;
    try {
      writer =
          Parquet.writeData(output)
              .schema(table.schema())
              .createWriterFunc(GenericParquetWriter::create)
              .withSpec(table.spec())
              .withPartition(key)
              .overwrite()
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (writer) {
      rows.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toDataFile();
  }
}
