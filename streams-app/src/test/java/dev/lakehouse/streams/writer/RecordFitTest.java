package dev.lakehouse.streams.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

class RecordFitTest {
  private static final Schema SCHEMA =
      new Schema(
          NestedField.required(1, "id", Types.StringType.get()),
          NestedField.optional(2, "amount", Types.DecimalType.of(6, 2)),
          NestedField.optional(3, "at", Types.TimestampType.withZone()),
          NestedField.optional(4, "local_at", Types.TimestampType.withoutZone()),
          NestedField.optional(5, "day", Types.DateType.get()),
          NestedField.optional(6, "count", Types.IntegerType.get()));
  private static final RecordFit FIT = new RecordFit(SCHEMA);

  @Test
  void aRowOfValuesTheColumnsHoldFits() {
    GenericRecord row = row();
    row.setField("amount", new BigDecimal("9999.99"));
    row.setField("at", OffsetDateTime.parse("9999-12-31T23:59:59Z"));
    row.setField("local_at", LocalDateTime.parse("0001-01-01T00:00:00"));
    row.setField("day", LocalDate.parse("2019-01-01"));
    row.setField("count", 3);
    assertThat(FIT.check(row)).isEqualTo(RowVerdict.OK);
    assertThat(FIT.check(row()).ok()).as("optional columns may be null").isTrue();
  }

  @Test
  void aDecimalBeyondItsPrecisionOrAtAnotherScaleIsRefusedWithoutItsValue() {
    GenericRecord row = row();
    row.setField("amount", new BigDecimal("12345.67"));
    RowVerdict verdict = FIT.check(row);
    assertThat(verdict.reason()).isEqualTo(RowVerdict.DECIMAL_OVERFLOW);
    assertThat(verdict.detail()).contains("amount").doesNotContain("12345");
    row.setField("amount", new BigDecimal("1.5"));
    assertThat(FIT.check(row).reason()).isEqualTo(RowVerdict.DECIMAL_OVERFLOW);
  }

  @Test
  void aRequiredColumnWithoutAValueIsRefused() {
    assertThat(FIT.check(GenericRecord.create(SCHEMA)).reason())
        .isEqualTo(RowVerdict.REQUIRED_NULL);
  }

  @Test
  void timesAndDatesBeyondWhatParquetHoldsAreRefused() {
    GenericRecord row = row();
    row.setField("at", OffsetDateTime.of(LocalDateTime.MAX, ZoneOffset.UTC));
    assertThat(FIT.check(row).reason()).isEqualTo(RowVerdict.OUT_OF_RANGE);
    row = row();
    row.setField("local_at", LocalDateTime.MIN);
    assertThat(FIT.check(row).reason()).isEqualTo(RowVerdict.OUT_OF_RANGE);
    row = row();
    row.setField("day", LocalDate.MAX);
    assertThat(FIT.check(row).reason()).isEqualTo(RowVerdict.OUT_OF_RANGE);
  }

  @Test
  void aValueOfAnotherJavaTypeIsRefused() {
    GenericRecord row = row();
    row.set(5, 3L);
    assertThat(FIT.check(row).reason()).isEqualTo(RowVerdict.UNDECODABLE);
  }

  private static GenericRecord row() {
    GenericRecord row = GenericRecord.create(SCHEMA);
    row.setField("id", "r-1");
    return row;
  }
}
