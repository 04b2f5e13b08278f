package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.Dataset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The binary form of a typed raw row on a {@code raw.rows.<dataset>} topic: the topology types a record
 * once and the Iceberg writer reads the values back without parsing JSON again.
 *
 * <p>Layout: the format byte {@value #FORMAT}, the number of contract fields, then per field a presence
 * byte and its value (strings as length-prefixed UTF-8, booleans as one byte, integers and longs as zig-zag
 * varints, doubles as 8 bytes, decimals as the unscaled value's bytes at the column's scale, timestamps as
 * microseconds since the epoch, UTC), then the lineage (source topic, partition, offset, Kafka timestamp,
 * source URI and line). Fields follow the contract's order, which only ever grows at the end: a row
 * written before a field was added decodes with that field null.
 */
public final class RawRowCodec {
  /** The first byte of every encoded row. A JSON value never starts with it. */
  public static final byte FORMAT = 1;

  private final Dataset dataset;
  private final List<String> fields;
  private final Type[] types;

  public RawRowCodec(Dataset dataset) {
    this(dataset, dataset.fieldNames());
  }

  /** A codec for a prefix of the contract's fields: how an earlier version of a grown contract encoded rows. */
  RawRowCodec(Dataset dataset, List<String> fields) {
    this.dataset = dataset;
    this.fields = List.copyOf(fields);
    this.types = fields.stream().map(field -> RawTables.typeOf(dataset, field)).toArray(Type[]::new);
  }

  /** Whether {@code value} is an encoded row (as opposed to a source JSON record written by earlier versions). */
  public static boolean isEncoded(byte[] value) {
    return value != null && value.length > 0 && value[0] == FORMAT;
  }

  public byte[] encode(Map<String, Object> values, Lineage lineage) {
    Output out = new Output(256);
    out.write(FORMAT);
    out.varint(fields.size());
    for (int i = 0; i < types.length; i++) {
      Object value = values.get(fields.get(i));
      if (value == null) {
        out.write(0);
        continue;
      }
      out.write(1);
      switch (types[i].typeId()) {
        case STRING -> out.string((String) value);
        case BOOLEAN -> out.write((Boolean) value ? 1 : 0);
        case INTEGER -> out.varlong((Integer) value);
        case LONG -> out.varlong((Long) value);
        case DOUBLE -> out.fixed64(Double.doubleToRawLongBits((Double) value));
        case DECIMAL -> out.bytes(((BigDecimal) value).setScale(((Types.DecimalType) types[i]).scale()).unscaledValue().toByteArray());
        case TIMESTAMP -> out.varlong(micros((OffsetDateTime) value));
        default -> throw new IllegalStateException("no encoding for " + types[i] + " (" + dataset + "." + fields.get(i) + ")");
      }
    }
    out.string(lineage.topic());
    out.varlong(lineage.partition());
    out.varlong(lineage.offset());
    out.varlong(lineage.kafkaTimestampMillis());
    out.nullableString(lineage.sourceUri());
    if (lineage.sourceLine() == null) {
      out.write(0);
    } else {
      out.write(1);
      out.varlong(lineage.sourceLine());
    }
    return out.toByteArray();
  }

  /** Reads a row back; values are in contract order, typed as {@link ParseResult.Parsed} documents them. */
  public RawRow decode(byte[] bytes) {
    Input in = new Input(bytes);
    if (in.read() != FORMAT) {
      throw new IllegalArgumentException("not an encoded raw row of " + dataset + " (format byte " + bytes[0] + ")");
    }
    int count = (int) in.varint();
    if (count > types.length) {
      throw new IllegalArgumentException("an encoded " + dataset + " row has " + count + " fields; this version knows "
          + types.length + ": it was written by a newer version");
    }
    Object[] values = new Object[types.length];
    for (int i = 0; i < count; i++) {
      if (in.read() == 0) {
        continue;
      }
      values[i] = switch (types[i].typeId()) {
        case STRING -> in.string();
        case BOOLEAN -> in.read() == 1;
        case INTEGER -> (int) in.varlong();
        case LONG -> in.varlong();
        case DOUBLE -> Double.longBitsToDouble(in.fixed64());
        case DECIMAL -> new BigDecimal(new BigInteger(in.bytes()), ((Types.DecimalType) types[i]).scale());
        case TIMESTAMP -> timestamp(in.varlong());
        default -> throw new IllegalStateException("no encoding for " + types[i]);
      };
    }
    String topic = in.string();
    int partition = (int) in.varlong();
    long offset = in.varlong();
    long timestamp = in.varlong();
    String uri = in.nullableString();
    Long line = in.read() == 0 ? null : in.varlong();
    return new RawRow(values, new Lineage(topic, partition, offset, timestamp, uri, line));
  }

  /** The contract's field names, in the order of {@link RawRow#values()}. */
  public List<String> fields() {
    return fields;
  }

  private static long micros(OffsetDateTime time) {
    Instant instant = time.toInstant();
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private static OffsetDateTime timestamp(long micros) {
    return OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  /** A decoded row: values in contract order (null where absent) and where it came from. */
  public record RawRow(Object[] values, Lineage lineage) {
    @Override
    public boolean equals(Object other) {
      return other instanceof RawRow row && Arrays.equals(values, row.values) && lineage.equals(row.lineage);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(values) + lineage.hashCode();
    }

    @Override
    public String toString() {
      return "RawRow" + Arrays.toString(values) + " from " + lineage;
    }
  }

  private static final class Output {
    private byte[] buffer;
    private int size;

    Output(int capacity) {
      buffer = new byte[capacity];
    }

    void write(int b) {
      ensure(1);
      buffer[size++] = (byte) b;
    }

    void varint(long value) {
      ensure(10);
      while ((value & ~0x7FL) != 0) {
        buffer[size++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      buffer[size++] = (byte) value;
    }

    void varlong(long value) {
      varint((value << 1) ^ (value >> 63));
    }

    void fixed64(long value) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buffer[size++] = (byte) (value >>> shift);
      }
    }

    void bytes(byte[] bytes) {
      varint(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, size, bytes.length);
      size += bytes.length;
    }

    void string(String value) {
      bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    void nullableString(String value) {
      if (value == null) {
        write(0);
      } else {
        write(1);
        string(value);
      }
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, size);
    }
  }

  private static final class Input {
    private final byte[] bytes;
    private int position;

    Input(byte[] bytes) {
      this.bytes = bytes;
    }

    int read() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException("an encoded raw row ends early, at byte " + position);
      }
      return bytes[position++] & 0xFF;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = read();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("a varint of an encoded raw row is longer than 10 bytes");
    }

    long varlong() {
      long raw = varint();
      return (raw >>> 1) ^ -(raw & 1);
    }

    long fixed64() {
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | read();
      }
      return value;
    }

    byte[] bytes() {
      int length = (int) varint();
      if (length < 0 || position + length > bytes.length) {
        throw new IllegalArgumentException("an encoded raw row ends early, at byte " + position);
      }
      byte[] out = Arrays.copyOfRange(bytes, position, position + length);
      position += length;
      return out;
    }

    String string() {
      int length = (int) varint();
      if (length < 0 || position + length > bytes.length) {
        throw new IllegalArgumentException("an encoded raw row ends early, at byte " + position);
      }
      String value = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return value;
    }

    String nullableString() {
      return read() == 0 ? null : string();
    }
  }
}
