package dev.lakehouse.streams.writer;

import static dev.lakehouse.streams.writer.RowVerdict.DECIMAL_OVERFLOW;
import static dev.lakehouse.streams.writer.RowVerdict.OUT_OF_RANGE;
import static dev.lakehouse.streams.writer.RowVerdict.REQUIRED_NULL;
import static dev.lakehouse.streams.writer.RowVerdict.UNDECODABLE;
import static dev.lakehouse.streams.writer.RowVerdict.refused;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Whether a row held as a generic record (the form a trusted row decodes to) can be written into a
 * table of {@code schema}, decided before any of it is: every required column has a value of the
 * column's Java type, every decimal has the column's scale and at most its precision, every
 * timestamp fits 64 bits of microseconds and every date 32 bits of days. Strings are Java strings
 * and always encode. No I/O, and no exception for any value: a refusal names the column and the
 * reason, never the value.
 */
public final class RecordFit {
  /**
   * Microseconds since the epoch fit a long within ±292,000 years; these are whole seconds inside
   * that.
   */
  private static final long MAX_EPOCH_SECOND = Long.MAX_VALUE / 1_000_000L - 1;

  private final String[] names;
  private final boolean[] required;
  private final Type[] types;

  public RecordFit(Schema schema) {
    List<Types.NestedField> columns = schema.columns();
    int n = columns.size();
    this.names = new String[n];
    this.required = new boolean[n];
    this.types = new Type[n];
    for (int p = 0; p < n; p++) {
      names[p] = columns.get(p).name();
      required[p] = columns.get(p).isRequired();
      types[p] = columns.get(p).type();
    }
  }

  /** Decides on {@code row}, whose positions are the schema's columns. */
  public RowVerdict check(StructLike row) {
    if (row.size() != types.length) {
      return refused(
          UNDECODABLE, "the row has " + row.size() + " columns; the table has " + types.length);
    }
    for (int p = 0; p < types.length; p++) {
      Object value = row.get(p, Object.class);
      RowVerdict verdict =
          value == null
              ? (required[p]
                  ? refused(REQUIRED_NULL, "required column " + names[p] + " has no value")
                  : RowVerdict.OK)
              : fit(p, value);
      if (!verdict.ok()) {
        return verdict;
      }
    }
    return RowVerdict.OK;
  }

  private RowVerdict fit(int p, Object value) {
    return switch (types[p].typeId()) {
      case STRING -> value instanceof CharSequence ? RowVerdict.OK : wrongType(p, value);
      case BOOLEAN -> value instanceof Boolean ? RowVerdict.OK : wrongType(p, value);
      case INTEGER -> value instanceof Integer ? RowVerdict.OK : wrongType(p, value);
      case LONG -> value instanceof Long ? RowVerdict.OK : wrongType(p, value);
      case DOUBLE -> value instanceof Double ? RowVerdict.OK : wrongType(p, value);
      case FLOAT -> value instanceof Float ? RowVerdict.OK : wrongType(p, value);
      case DECIMAL ->
          value instanceof BigDecimal decimal ? decimal(p, decimal) : wrongType(p, value);
      case TIMESTAMP -> timestamp(p, value);
      case DATE -> value instanceof LocalDate date ? date(p, date) : wrongType(p, value);
      default ->
          refused(
              UNDECODABLE,
              "column "
                  + names[p]
                  + " has type "
                  + types[p]
                  + ", which this writer does not check");
    };
  }

  private RowVerdict decimal(int p, BigDecimal value) {
    Types.DecimalType type = (Types.DecimalType) types[p];
    if (value.scale() != type.scale()) {
      return refused(
          DECIMAL_OVERFLOW,
          "column " + names[p] + " is " + type + "; the value has scale " + value.scale());
    }
    return value.precision() <= type.precision()
        ? RowVerdict.OK
        : refused(
            DECIMAL_OVERFLOW,
            "column "
                + names[p]
                + " is "
                + type
                + "; the value has "
                + value.precision()
                + " digits");
  }

  private RowVerdict timestamp(int p, Object value) {
    Instant instant;
    if (value instanceof OffsetDateTime time) {
      instant = time.toInstant();
    } else if (value instanceof LocalDateTime time) {
      instant = time.toInstant(ZoneOffset.UTC);
    } else {
      return wrongType(p, value);
    }
    return Math.abs(instant.getEpochSecond()) <= MAX_EPOCH_SECOND
        ? RowVerdict.OK
        : refused(OUT_OF_RANGE, "column " + names[p] + " overflows 64 bits in microseconds");
  }

  private RowVerdict date(int p, LocalDate value) {
    long day = value.toEpochDay();
    return day == (int) day
        ? RowVerdict.OK
        : refused(OUT_OF_RANGE, "column " + names[p] + " holds a date beyond 32 bits of days");
  }

  private RowVerdict wrongType(int p, Object value) {
    return refused(
        UNDECODABLE,
        "column "
            + names[p]
            + " is "
            + types[p]
            + "; the row holds a "
            + value.getClass().getSimpleName());
  }
}
