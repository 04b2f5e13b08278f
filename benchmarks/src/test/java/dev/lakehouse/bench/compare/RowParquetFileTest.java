package dev.lakehouse.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * The limit runner's Parquet files hold the same typed rows an Iceberg reader expects of a raw
 * table.
 */
class RowParquetFileTest {

  @Test
  void writesEveryTypeOfTheRawSchemaReadableByIceberg() throws Exception {
    Schema schema = RawTables.schema(Dataset.RESTAURANT.contract());
    InMemoryFileIO io = new InMemoryFileIO();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(row(schema, i));
    }
    String location = "mem://limit/restaurant.parquet";
    long length;
    try (RowParquetFile file =
        new RowParquetFile(
            io,
            location,
            schema,
            RawTableCatalog.plainEncodedColumns(Dataset.RESTAURANT.contract()))) {
      for (Object[] row : rows) {
        file.write(row);
      }
      file.close();
      length = file.length();
    }
    assertThat(length).isEqualTo(io.newInputFile(location).getLength());

    List<Record> read = new ArrayList<>();
    try (CloseableIterable<Record> records =
        Parquet.read(io.newInputFile(location))
            .project(schema)
            .createReaderFunc(type -> GenericParquetReaders.buildReader(schema, type))
            .build()) {
      records.forEach(r -> read.add(r.copy()));
    }
    assertThat(read).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      for (int c = 0; c < schema.columns().size(); c++) {
        assertThat(read.get(i).get(c))
            .as("row %d column %s", i, schema.columns().get(c).name())
            .isEqualTo(rows.get(i)[c]);
      }
    }
  }

  /**
   * A row with a value of the column's type in every column, and nulls in optional ones on odd
   * rows.
   */
  private static Object[] row(Schema schema, int i) {
    Object[] row = new Object[schema.columns().size()];
    for (int c = 0; c < row.length; c++) {
      Types.NestedField field = schema.columns().get(c);
      if (field.isOptional() && i % 2 == 1) {
        continue;
      }
      row[c] =
          switch (field.type().typeId()) {
            case STRING -> field.name() + "-" + i + "-ã";
            case INTEGER -> i * 7;
            case LONG -> 1_000_000_000_000L + i;
            case DOUBLE -> i / 3.0;
            case BOOLEAN -> i % 3 == 0;
            case DECIMAL -> new BigDecimal(i * 101).movePointLeft(2).setScale(2);
            case TIMESTAMP ->
                OffsetDateTime.of(2019, 1, 4, 12, 12, 53, 72_000_000 + i * 1_000, ZoneOffset.UTC);
            default -> throw new IllegalStateException("the raw schema gained a type: " + field);
          };
    }
    return row;
  }
}
