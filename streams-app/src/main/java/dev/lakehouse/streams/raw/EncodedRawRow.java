package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.streams.codec.BinaryReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * One row of a raw table, read in place from its {@link RawRowCodec} bytes: numbers are decoded,
 * strings and decimals stay UTF-8 and two's-complement slices of the record, so the Parquet writer
 * copies their bytes without making a {@code String} or a {@code BigDecimal}. One instance serves
 * row after row: {@link #load} replaces its content.
 *
 * <p>Positions are those of the table's schema, which may hold columns the contract does not fill
 * yet (schema evolution): those are null. As a {@link StructLike} it yields Iceberg's internal
 * values (timestamps as microseconds), which is what the partition key reads.
 */
public final class EncodedRawRow implements StructLike {
  /** Where a table column's value comes from. */
  private enum Source {
    FIELD,
    TOPIC,
    PARTITION,
    OFFSET,
    KAFKA_TIMESTAMP,
    INGESTED_AT,
    URI,
    LINE,
    ABSENT
  }

  private final DatasetContract dataset;
  private final Type[] fieldTypes;
  private final Type[] columnTypes;
  private final Source[] sources;

  /** For a FIELD column, the contract field's index. */
  private final int[] fieldOf;

  private final BinaryReader in = new BinaryReader(new byte[0], "an encoded raw row");

  private byte[] bytes;
  private final boolean[] present;
  private final long[] numbers;
  private final int[] starts;
  private final int[] lengths;
  private int topicStart;
  private int topicLength;
  private int partition;
  private long offset;
  private long kafkaTimestampMillis;
  private boolean hasUri;
  private int uriStart;
  private int uriLength;
  private boolean hasLine;
  private long line;
  private long ingestedAtMicros;

  /**
   * @param schema the table's schema: the positions this row answers for
   * @param fields the contract's field names in encoding order (a prefix of the contract for rows
   *     of an earlier version)
   */
  public EncodedRawRow(DatasetContract dataset, Schema schema, List<String> fields) {
    this.dataset = dataset;
    this.fieldTypes =
        fields.stream().map(field -> RawTables.typeOf(dataset, field)).toArray(Type[]::new);
    List<Types.NestedField> columns = schema.columns();
    this.columnTypes = new Type[columns.size()];
    this.sources = new Source[columns.size()];
    this.fieldOf = new int[columns.size()];
    for (int p = 0; p < columns.size(); p++) {
      String name = columns.get(p).name();
      columnTypes[p] = columns.get(p).type();
      fieldOf[p] = fields.indexOf(name);
      sources[p] = fieldOf[p] >= 0 ? Source.FIELD : lineageSource(name);
    }
    this.present = new boolean[fieldTypes.length];
    this.numbers = new long[fieldTypes.length];
    this.starts = new int[fieldTypes.length];
    this.lengths = new int[fieldTypes.length];
  }

  private static Source lineageSource(String column) {
    return switch (column) {
      case RawTables.SOURCE_TOPIC -> Source.TOPIC;
      case RawTables.SOURCE_PARTITION -> Source.PARTITION;
      case RawTables.SOURCE_OFFSET -> Source.OFFSET;
      case RawTables.KAFKA_TIMESTAMP -> Source.KAFKA_TIMESTAMP;
      case RawTables.INGESTED_AT -> Source.INGESTED_AT;
      case RawTables.SOURCE_URI -> Source.URI;
      case RawTables.SOURCE_LINE -> Source.LINE;
      default -> Source.ABSENT;
    };
  }

  /**
   * Reads one encoded row; its bytes are referenced, not copied, until the next call.
   *
   * @param ingestedAtMicros the value of {@code _ingested_at}
   */
  public void load(byte[] encoded, long ingestedAtMicros) {
    this.bytes = encoded;
    this.ingestedAtMicros = ingestedAtMicros;
    in.reset(encoded);
    if (in.read() != RawRowCodec.FORMAT) {
      throw new IllegalArgumentException(
          "not an encoded raw row of " + dataset + " (format byte " + encoded[0] + ")");
    }
    long count = in.varint();
    if (count < 0 || count > fieldTypes.length) {
      throw new IllegalArgumentException(
          "an encoded "
              + dataset
              + " row has "
              + count
              + " fields; this version knows "
              + fieldTypes.length
              + ": it was written by a newer version");
    }
    Arrays.fill(present, (int) count, present.length, false);
    for (int k = 0; k < count; k++) {
      present[k] = in.read() != 0;
      if (present[k]) {
        readField(k);
      }
    }
    int length = in.skipLengthPrefixed();
    topicStart = in.position() - length;
    topicLength = length;
    partition = (int) in.varlong();
    offset = in.varlong();
    kafkaTimestampMillis = in.varlong();
    hasUri = in.read() != 0;
    if (hasUri) {
      uriLength = in.skipLengthPrefixed();
      uriStart = in.position() - uriLength;
    }
    hasLine = in.read() != 0;
    if (hasLine) {
      line = in.varlong();
    }
  }

  private void readField(int k) {
    switch (fieldTypes[k].typeId()) {
      case STRING, DECIMAL -> {
        lengths[k] = in.skipLengthPrefixed();
        starts[k] = in.position() - lengths[k];
      }
      case BOOLEAN -> numbers[k] = in.read();
      case INTEGER, LONG, TIMESTAMP, DATE -> numbers[k] = in.varlong();
      case DOUBLE -> numbers[k] = in.fixed64();
      default -> throw new IllegalArgumentException("no binary form for " + fieldTypes[k]);
    }
  }

  /** The type of a table column. */
  public Type columnType(int p) {
    return columnTypes[p];
  }

  /** The lineage of the row last loaded (its source coordinates), for a dead letter. */
  public Lineage lineage() {
    return new Lineage(
        new String(bytes, topicStart, topicLength, StandardCharsets.UTF_8),
        partition,
        offset,
        kafkaTimestampMillis,
        hasUri ? new String(bytes, uriStart, uriLength, StandardCharsets.UTF_8) : null,
        hasLine ? line : null);
  }

  /** The number of table columns. */
  @Override
  public int size() {
    return columnTypes.length;
  }

  public boolean isNull(int p) {
    return switch (sources[p]) {
      case FIELD -> !present[fieldOf[p]];
      case URI -> !hasUri;
      case LINE -> !hasLine;
      case ABSENT -> true;
      default -> false;
    };
  }

  /**
   * The value of a boolean (0 or 1), integer, long, date (days) or timestamp (microseconds) column,
   * or the bits of a double column.
   */
  public long number(int p) {
    return switch (sources[p]) {
      case FIELD -> numbers[fieldOf[p]];
      case PARTITION -> partition;
      case OFFSET -> offset;
      case KAFKA_TIMESTAMP -> Math.multiplyExact(kafkaTimestampMillis, 1_000L);
      case INGESTED_AT -> ingestedAtMicros;
      case LINE -> line;
      default ->
          throw new IllegalStateException("column " + p + " of " + dataset + " is not a number");
    };
  }

  /** The record's bytes, where the string and decimal values of this row are. */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * Where the UTF-8 bytes of a string column, or the unscaled two's-complement bytes of a decimal
   * column, start.
   */
  public int start(int p) {
    return switch (sources[p]) {
      case FIELD -> starts[fieldOf[p]];
      case TOPIC -> topicStart;
      case URI -> uriStart;
      default ->
          throw new IllegalStateException("column " + p + " of " + dataset + " has no bytes");
    };
  }

  public int length(int p) {
    return switch (sources[p]) {
      case FIELD -> lengths[fieldOf[p]];
      case TOPIC -> topicLength;
      case URI -> uriLength;
      default ->
          throw new IllegalStateException("column " + p + " of " + dataset + " has no bytes");
    };
  }

  /** The unscaled value of a decimal column that fits a long (precision up to 18). */
  public long unscaledLong(int p) {
    int start = start(p);
    int length = length(p);
    long value = length > 0 && bytes[start] < 0 ? -1L : 0L;
    for (int i = start; i < start + length; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  /** The value in Iceberg's internal representation, as the partition key and tests read it. */
  @Override
  public <T> T get(int p, Class<T> javaClass) {
    if (isNull(p)) {
      return null;
    }
    Object value =
        switch (columnTypes[p].typeId()) {
          case STRING -> new String(bytes, start(p), length(p), StandardCharsets.UTF_8);
          case BOOLEAN -> number(p) != 0;
          case INTEGER, DATE -> (int) number(p);
          case LONG, TIMESTAMP -> number(p);
          case DOUBLE -> Double.longBitsToDouble(number(p));
          case DECIMAL ->
              new BigDecimal(
                  new BigInteger(Arrays.copyOfRange(bytes, start(p), start(p) + length(p))),
                  ((Types.DecimalType) columnTypes[p]).scale());
          default -> throw new IllegalStateException("no value of type " + columnTypes[p]);
        };
    return javaClass.cast(value);
  }

  @Override
  public <T> void set(int p, T value) {
    throw new UnsupportedOperationException("an encoded raw row is read-only");
  }
}
