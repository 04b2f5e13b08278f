package dev.lakehouse.streams.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.streams.codec.RowCodec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class ClusteredBatchWriterTest {

  @Test
  void interleavedRowsAreWrittenOneFilePerPartitionAndNothingIsLost() throws Exception {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("t"));
    Schema schema =
        new Schema(
            Types.NestedField.required(1, "id", Types.IntegerType.get()),
            Types.NestedField.required(2, "day", Types.DateType.get()));
    Table table =
        catalog.createTable(
            TableIdentifier.of("t", "rows"),
            schema,
            PartitionSpec.builderFor(schema).identity("day").build());
    RowCodec codec = new RowCodec(schema);
    ClusteredBatchWriter writer = new ClusteredBatchWriter(table, 128L << 20, 0);
    for (int i = 0; i < 300; i++) {
      byte[] encoded =
          codec.encode(Map.of("id", i, "day", LocalDate.parse("2019-01-01").plusDays(i % 3)));
      writer.add(codec.projectionOnto(writer.schema()).decode(encoded), encoded, i);
    }
    assertThat(writer.rows()).isEqualTo(300);
    List<DataFile> files =
        writer.complete(
            (encoded, ordinal) -> codec.projectionOnto(writer.schema()).decode(encoded));
    assertThat(files).hasSize(3).allSatisfy(f -> assertThat(f.recordCount()).isEqualTo(100));
    assertThat(writer.rows()).as("the batch is gone once written").isZero();
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
    List<Integer> ids = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(r -> ids.add((Integer) r.getField("id")));
    }
    assertThat(ids).hasSize(300).doesNotHaveDuplicates();
    assertThat(
            writer.complete(
                (encoded, ordinal) -> codec.projectionOnto(writer.schema()).decode(encoded)))
        .as("an empty batch writes nothing")
        .isEmpty();
  }
}
