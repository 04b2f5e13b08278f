package dev.lakehouse.bench.compare;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.io.FileIO;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * One Parquet data file being written with parquet-java, with the settings our tables write with:
 * zstd, 128 MB row groups, 20,000 rows per page, dictionaries except on the given unique-valued
 * columns.
 */
final class RowParquetFile implements AutoCloseable {
  private final S3ParquetOutputFile file;
  private final ParquetWriter<Object[]> writer;

  RowParquetFile(FileIO io, String location, Schema schema, List<String> plainColumns)
      throws IOException {
    this.file = new S3ParquetOutputFile(io, location);
    Builder builder =
        new Builder(file, new RowWriteSupport(schema))
            .withConf(new Configuration(false))
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withRowGroupSize(128L * 1024 * 1024)
            .withPageRowCountLimit(20_000)
            .withDictionaryEncoding(true);
    for (String column : plainColumns) {
      if (schema.findField(column) != null) {
        builder = builder.withDictionaryEncoding(column, false);
      }
    }
    this.writer = builder.build();
  }

  /** A row: one value per schema column, in column order; null for none. */
  void write(Object[] row) throws IOException {
    writer.write(row);
  }

  /** Bytes written plus bytes buffered, as far as Parquet knows. */
  long dataSize() {
    return writer.getDataSize();
  }

  /** The file's length once closed. */
  long length() {
    return file.length();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final RowWriteSupport support;

    Builder(S3ParquetOutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
