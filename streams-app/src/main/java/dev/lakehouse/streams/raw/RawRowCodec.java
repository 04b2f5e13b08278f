package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.streams.codec.BinaryReader;
import dev.lakehouse.streams.codec.BinaryWriter;
import dev.lakehouse.streams.codec.TypedValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Type;

/**
 * The binary form of a typed raw row on a {@code raw.rows.<dataset>} topic: the topology types a
 * record once and the Iceberg writer reads the values back without parsing JSON again.
 *
 * <p>Layout: the format byte {@value #FORMAT}, the number of contract fields, then per field a
 * presence byte and its value (strings as length-prefixed UTF-8, booleans as one byte, integers and
 * longs as zig-zag varints, doubles as 8 bytes, decimals as the unscaled value's bytes at the
 * column's scale, timestamps as microseconds since the epoch, UTC), then the lineage (source topic,
 * partition, offset, Kafka timestamp, source URI and line). Fields follow the contract's order,
 * which only ever grows at the end: a row written before a field was added decodes with that field
 * null.
 */
public final class RawRowCodec {
  /** The first byte of every encoded row. A JSON value never starts with it. */
  public static final byte FORMAT = 1;

  private final DatasetContract dataset;
  private final List<String> fields;
  private final Type[] types;

  /**
   * The lineage's topic and source URI repeat from row to row: each is encoded once while it stays
   * the same.
   */
  private final RepeatedText topic = new RepeatedText();

  private final RepeatedText sourceUri = new RepeatedText();

  public RawRowCodec(DatasetContract dataset) {
    this(dataset, dataset.fieldNames());
  }

  /**
   * A codec for a prefix of the contract's fields: how an earlier version of a grown contract
   * encoded rows.
   */
  RawRowCodec(DatasetContract dataset, List<String> fields) {
    this.dataset = dataset;
    this.fields = List.copyOf(fields);
    this.types =
        fields.stream().map(field -> RawTables.typeOf(dataset, field)).toArray(Type[]::new);
  }

  /** Whether {@code value} starts like an encoded row (its format byte). */
  public static boolean isEncoded(byte[] value) {
    return value != null && value.length > 0 && value[0] == FORMAT;
  }

  public byte[] encode(Map<String, Object> values, Lineage lineage) {
    Object[] ordered = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      ordered[i] = values.get(fields.get(i));
    }
    return encode(ordered, lineage);
  }

  /**
   * @param values in the order of {@link #fields()}
   */
  public byte[] encode(Object[] values, Lineage lineage) {
    return encode(values, lineage, 256);
  }

  /**
   * @param values in the order of {@link #fields()}
   * @param expectedSize the size to allocate up front (the source record's size is a good guess)
   */
  public byte[] encode(Object[] values, Lineage lineage, int expectedSize) {
    if (values.length != types.length) {
      throw new IllegalArgumentException(
          dataset + " rows have " + types.length + " fields, not " + values.length);
    }
    BinaryWriter out = new BinaryWriter(expectedSize);
    out.write(FORMAT);
    out.varint(fields.size());
    for (int i = 0; i < types.length; i++) {
      Object value = values[i];
      if (value == null) {
        out.write(0);
      } else {
        out.write(1);
        TypedValues.write(out, types[i], value);
      }
    }
    topic.write(out, lineage.topic());
    out.varlong(lineage.partition());
    out.varlong(lineage.offset());
    out.varlong(lineage.kafkaTimestampMillis());
    if (lineage.sourceUri() == null) {
      out.write(0);
    } else {
      out.write(1);
      sourceUri.write(out, lineage.sourceUri());
    }
    if (lineage.sourceLine() == null) {
      out.write(0);
    } else {
      out.write(1);
      out.varlong(lineage.sourceLine());
    }
    return out.toByteArray();
  }

  /** A string's UTF-8 form, kept while the same string comes again. */
  private static final class RepeatedText {
    private String text;
    private byte[] utf8;

    void write(BinaryWriter out, String value) {
      if (!value.equals(text)) {
        text = value;
        utf8 = value.getBytes(StandardCharsets.UTF_8);
      }
      out.bytes(utf8);
    }
  }

  /**
   * Reads a row back; values are in contract order, typed as {@link ParseResult.Parsed} documents
   * them.
   */
  public RawRow decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes, "an encoded raw row");
    if (in.read() != FORMAT) {
      throw new IllegalArgumentException(
          "not an encoded raw row of " + dataset + " (format byte " + bytes[0] + ")");
    }
    int count = (int) in.varint();
    if (count > types.length) {
      throw new IllegalArgumentException(
          "an encoded "
              + dataset
              + " row has "
              + count
              + " fields; this version knows "
              + types.length
              + ": it was written by a newer version");
    }
    Object[] values = new Object[types.length];
    for (int i = 0; i < count; i++) {
      if (in.read() != 0) {
        values[i] = TypedValues.read(in, types[i]);
      }
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

  /** A decoded row: values in contract order (null where absent) and where it came from. */
  public record RawRow(Object[] values, Lineage lineage) {
    @Override
    public boolean equals(Object other) {
      return other instanceof RawRow row
          && Arrays.equals(values, row.values)
          && lineage.equals(row.lineage);
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
}
