package dev.lakehouse.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class RowCodecTest {
  private static final Schema ROW =
      new Schema(
          Types.NestedField.required(1, "order_id", Types.StringType.get()),
          Types.NestedField.optional(2, "items", Types.StringType.get()),
          Types.NestedField.optional(3, "amount", Types.DecimalType.of(14, 2)),
          Types.NestedField.optional(4, "scheduled", Types.BooleanType.get()),
          Types.NestedField.optional(5, "latitude", Types.DoubleType.get()),
          Types.NestedField.optional(6, "count", Types.IntegerType.get()),
          Types.NestedField.optional(7, "version", Types.LongType.get()),
          Types.NestedField.optional(8, "created_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(9, "local_date", Types.DateType.get()));

  /**
   * The table as it may be now: columns in another order, one the stage does not write, one it
   * writes that the table lacks.
   */
  private static final Schema TABLE =
      new Schema(
          Types.NestedField.optional(9, "local_date", Types.DateType.get()),
          Types.NestedField.optional(100, "added_by_the_table", Types.StringType.get()),
          Types.NestedField.required(1, "order_id", Types.StringType.get()),
          Types.NestedField.optional(8, "created_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(7, "version", Types.LongType.get()),
          Types.NestedField.optional(6, "count", Types.IntegerType.get()),
          Types.NestedField.optional(5, "latitude", Types.DoubleType.get()),
          Types.NestedField.optional(4, "scheduled", Types.BooleanType.get()),
          Types.NestedField.optional(2, "items", Types.StringType.get()));

  private static Map<String, Object> row() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("order_id", "o-1");
    row.put("items", "[{\"name\":\"Açaí\"}]");
    row.put("amount", new BigDecimal("-12.30"));
    row.put("scheduled", true);
    row.put("latitude", -23.55);
    row.put("count", null);
    row.put("version", 3L);
    row.put("created_at", OffsetDateTime.parse("2019-01-17T22:50:06.123456Z"));
    row.put("local_date", LocalDate.parse("2019-01-17"));
    return row;
  }

  @Test
  void decodesIntoTheTablesCurrentLayoutByColumnName() {
    RowCodec codec = new RowCodec(ROW);
    byte[] encoded = codec.encode(row());
    GenericRecord record = codec.projectionOnto(TABLE).decode(encoded);
    for (Types.NestedField column : TABLE.columns()) {
      Object expected =
          column.name().equals("added_by_the_table") ? null : row().get(column.name());
      assertThat(record.getField(column.name())).as(column.name()).isEqualTo(expected);
    }
    assertThat(codec.projectionOnto(TABLE).decode(codec.encode(row())))
        .as("a projection decodes row after row")
        .isEqualTo(record);
    assertThat(codec.decodeToMap(encoded)).isEqualTo(row());
  }

  @Test
  void onlyTheWantedColumnsAreReadTheOthersAreSteppedOver() {
    RowCodec codec = new RowCodec(ROW);
    GenericRecord partitionOnly =
        codec.projectionOnto(TABLE, Set.of("local_date", "version")).decode(codec.encode(row()));
    assertThat(partitionOnly.getField("local_date")).isEqualTo(LocalDate.parse("2019-01-17"));
    assertThat(partitionOnly.getField("version")).as("read after every skipped type").isEqualTo(3L);
    assertThat(partitionOnly.getField("order_id")).isNull();
    assertThat(partitionOnly.getField("items")).isNull();
    assertThat(partitionOnly.getField("created_at")).isNull();
    assertThat(partitionOnly.getField("latitude")).isNull();
  }
}
