package dev.lakehouse.streams.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Files;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopDefaultResourcesTest {

  @Test
  void newConfigurationsNoLongerParseHadoopsDefaultsAndParquetStillWritesAndReads(@TempDir Path dir)
      throws Exception {
    List<String> skipped = HadoopDefaultResources.skip();
    assertThat(new Configuration().get("fs.defaultFS"))
        .as("core-default.xml is no longer read")
        .isNull();
    assertThat(skipped.isEmpty() || skipped.contains("core-default.xml")).isTrue();
    assertThat(HadoopDefaultResources.skip())
        .as("a second call has nothing left to skip")
        .isEmpty();

    Schema schema = new Schema(Types.NestedField.required(1, "name", Types.StringType.get()));
    File file = dir.resolve("names.parquet").toFile();
    try (FileAppender<Record> appender =
        Parquet.write(Files.localOutput(file))
            .schema(schema)
            .createWriterFunc(type -> GenericParquetWriter.create(schema, type))
            .set("write.parquet.compression-codec", "zstd")
            .build()) {
      for (String name : List.of("ana", "bia", "caio")) {
        GenericRecord record = GenericRecord.create(schema);
        record.setField("name", name);
        appender.add(record);
      }
    }
    try (CloseableIterable<Record> read =
        Parquet.read(Files.localInput(file))
            .project(schema)
            .createReaderFunc(type -> GenericParquetReaders.buildReader(schema, type))
            .build()) {
      assertThat(read).extracting(r -> r.getField("name")).containsExactly("ana", "bia", "caio");
    }
  }
}
