package dev.lakehouse.streams.raw;

import static dev.lakehouse.streams.writer.RowVerdict.DECIMAL_OVERFLOW;
import static dev.lakehouse.streams.writer.RowVerdict.INVALID_UTF8;
import static dev.lakehouse.streams.writer.RowVerdict.OUT_OF_RANGE;
import static dev.lakehouse.streams.writer.RowVerdict.REQUIRED_NULL;
import static dev.lakehouse.streams.writer.RowVerdict.UNDECODABLE;
import static dev.lakehouse.streams.writer.RowVerdict.refused;

import dev.lakehouse.streams.writer.RowVerdict;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Whether an encoded raw row can be written into its table, decided before any of its columns is:
 * the row decodes completely, every required column has a value, every decimal fits its column's
 * precision and physical width, every integer fits 32 bits, every string is UTF-8 and every
 * timestamp fits microseconds. A row it accepts is written whole; a row it refuses is written
 * nowhere and becomes a dead letter of the {@code writer} stage. No I/O, and no exception for any
 * input: a refusal names the column and the reason, never the value.
 */
public final class RowFit {
  private final String[] names;
  private final boolean[] required;
  private final Type[] types;

  /** For a decimal column: the most bytes its unscaled values take, and 10^precision. */
  private final int[] decimalBytes;

  private final BigInteger[] decimalBounds;
  private final long[] decimalLongBounds;

  public RowFit(Schema schema) {
    List<Types.NestedField> columns = schema.columns();
    int n = columns.size();
    this.names = new String[n];
    this.required = new boolean[n];
    this.types = new Type[n];
    this.decimalBytes = new int[n];
    this.decimalBounds = new BigInteger[n];
    this.decimalLongBounds = new long[n];
    for (int p = 0; p < n; p++) {
      names[p] = columns.get(p).name();
      required[p] = columns.get(p).isRequired();
      types[p] = columns.get(p).type();
      if (types[p] instanceof Types.DecimalType decimal) {
        decimalBytes[p] = TypeUtil.decimalRequiredBytes(decimal.precision());
        decimalBounds[p] = BigInteger.TEN.pow(decimal.precision());
        decimalLongBounds[p] =
            decimal.precision() <= 18 ? decimalBounds[p].longValueExact() : Long.MAX_VALUE;
      }
    }
  }

  /**
   * Loads {@code encoded} into {@code row} and decides; the row's content is only meaningful when
   * the verdict says it decoded.
   */
  public RowVerdict load(EncodedRawRow row, byte[] encoded, long ingestedAtMicros) {
    if (!RawRowCodec.isEncoded(encoded)) {
      return RowVerdict.undecodable("not an encoded raw row");
    }
    try {
      row.load(encoded, ingestedAtMicros);
    } catch (IllegalArgumentException e) {
      // the reader's messages name positions and counts only, never the bytes
      return RowVerdict.undecodable(e.getMessage());
    }
    return check(row);
  }

  /** Decides on a loaded row, laid out by the schema this check was made for. */
  public RowVerdict check(EncodedRawRow row) {
    for (int p = 0; p < types.length; p++) {
      if (row.isNull(p)) {
        if (required[p]) {
          return refused(REQUIRED_NULL, "required column " + names[p] + " has no value");
        }
        continue;
      }
      RowVerdict verdict =
          switch (types[p].typeId()) {
            case STRING -> utf8(row, p);
            case BOOLEAN ->
                row.number(p) == 0 || row.number(p) == 1
                    ? RowVerdict.OK
                    : refused(UNDECODABLE, "boolean column " + names[p] + " holds neither 0 nor 1");
            case INTEGER, DATE ->
                row.number(p) == (int) row.number(p)
                    ? RowVerdict.OK
                    : refused(OUT_OF_RANGE, "column " + names[p] + " holds a value beyond 32 bits");
            case LONG, TIMESTAMP -> fitsLong(row, p);
            case DOUBLE -> RowVerdict.OK;
            case DECIMAL -> decimal(row, p);
            default ->
                refused(
                    UNDECODABLE,
                    "column " + names[p] + " has type " + types[p] + ", which raw rows never hold");
          };
      if (!verdict.ok()) {
        return verdict;
      }
    }
    return RowVerdict.OK;
  }

  private RowVerdict fitsLong(EncodedRawRow row, int p) {
    try {
      row.number(p);
      return RowVerdict.OK;
    } catch (ArithmeticException e) {
      return refused(OUT_OF_RANGE, "column " + names[p] + " overflows 64 bits in microseconds");
    }
  }

  private RowVerdict decimal(EncodedRawRow row, int p) {
    int length = row.length(p);
    Types.DecimalType type = (Types.DecimalType) types[p];
    if (length == 0) {
      return refused(UNDECODABLE, "decimal column " + names[p] + " has no bytes");
    }
    if (length > decimalBytes[p]) {
      return refused(
          DECIMAL_OVERFLOW,
          "column "
              + names[p]
              + " is "
              + type
              + ", at most "
              + decimalBytes[p]
              + " bytes; the value has "
              + length);
    }
    boolean fits =
        length <= 8 && decimalLongBounds[p] != Long.MAX_VALUE
            ? fitsBound(row.unscaledLong(p), decimalLongBounds[p])
            : new BigInteger(Arrays.copyOfRange(row.bytes(), row.start(p), row.start(p) + length))
                    .abs()
                    .compareTo(decimalBounds[p])
                < 0;
    return fits
        ? RowVerdict.OK
        : refused(
            DECIMAL_OVERFLOW,
            "column "
                + names[p]
                + " is "
                + type
                + "; the value has more than "
                + type.precision()
                + " digits");
  }

  private static boolean fitsBound(long unscaled, long bound) {
    return unscaled > -bound && unscaled < bound;
  }

  private RowVerdict utf8(EncodedRawRow row, int p) {
    int invalid = firstInvalidUtf8(row.bytes(), row.start(p), row.length(p));
    return invalid < 0
        ? RowVerdict.OK
        : refused(
            INVALID_UTF8,
            "column " + names[p] + " is not UTF-8 at byte " + invalid + " of its value");
  }

  /**
   * The index, from {@code start}, of the first byte that breaks UTF-8 (RFC 3629), or -1 when all
   * is well.
   */
  static int firstInvalidUtf8(byte[] bytes, int start, int length) {
    int end = start + length;
    int i = start;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int more;
      int min;
      if (b >= 0xC2 && b <= 0xDF) {
        more = 1;
        min = 0x80;
      } else if (b >= 0xE0 && b <= 0xEF) {
        more = 2;
        min = 0x800;
      } else if (b >= 0xF0 && b <= 0xF4) {
        more = 3;
        min = 0x10000;
      } else {
        return i - start;
      }
      if (i + more >= end) {
        return i - start;
      }
      int code = b & (0x3F >> more);
      for (int k = 1; k <= more; k++) {
        int c = bytes[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          return i - start;
        }
        code = (code << 6) | (c & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return i - start;
      }
      i += more + 1;
    }
    return -1;
  }
}
