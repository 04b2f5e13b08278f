package dev.lakehouse.streams.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The binary form of one typed value by its Iceberg type: strings as length-prefixed UTF-8,
 * booleans as one byte, integers and longs as zig-zag varints, doubles as 8 bytes, decimals as the
 * unscaled value's bytes at the column's scale, timestamps as microseconds since the epoch (UTC),
 * dates as days since the epoch. Values are the Java types Iceberg's generic records use; a string
 * may also be a {@link Utf8Text}.
 */
public final class TypedValues {
  private TypedValues() {}

  public static void write(BinaryWriter out, Type type, Object value) {
    switch (type.typeId()) {
      case STRING -> {
        if (value instanceof Utf8Text text) {
          out.bytes(text.bytes(), text.offset(), text.length());
        } else {
          out.string((String) value);
        }
      }
      case BOOLEAN -> out.write((Boolean) value ? 1 : 0);
      case INTEGER -> out.varlong((Integer) value);
      case LONG -> out.varlong((Long) value);
      case DOUBLE -> out.fixed64(Double.doubleToRawLongBits((Double) value));
      case DECIMAL ->
          out.bytes(
              ((BigDecimal) value)
                  .setScale(((Types.DecimalType) type).scale())
                  .unscaledValue()
                  .toByteArray());
      case TIMESTAMP -> out.varlong(micros((OffsetDateTime) value));
      case DATE -> out.varlong(((LocalDate) value).toEpochDay());
      default -> throw new IllegalArgumentException("no binary form for " + type);
    }
  }

  public static Object read(BinaryReader in, Type type) {
    return switch (type.typeId()) {
      case STRING -> in.string();
      case BOOLEAN -> in.read() == 1;
      case INTEGER -> (int) in.varlong();
      case LONG -> in.varlong();
      case DOUBLE -> Double.longBitsToDouble(in.fixed64());
      case DECIMAL ->
          new BigDecimal(new BigInteger(in.bytes()), ((Types.DecimalType) type).scale());
      case TIMESTAMP ->
          OffsetDateTime.ofInstant(
              Instant.EPOCH.plus(in.varlong(), ChronoUnit.MICROS), ZoneOffset.UTC);
      case DATE -> LocalDate.ofEpochDay(in.varlong());
      default -> throw new IllegalArgumentException("no binary form for " + type);
    };
  }

  /** Steps over one value of {@code type} without making an object of it. */
  public static void skip(BinaryReader in, Type type) {
    switch (type.typeId()) {
      case STRING, DECIMAL -> in.skipLengthPrefixed();
      case BOOLEAN -> in.read();
      case INTEGER, LONG, TIMESTAMP, DATE -> in.varint();
      case DOUBLE -> in.fixed64();
      default -> throw new IllegalArgumentException("no binary form for " + type);
    }
  }

  private static long micros(OffsetDateTime time) {
    Instant instant = time.toInstant();
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }
}
