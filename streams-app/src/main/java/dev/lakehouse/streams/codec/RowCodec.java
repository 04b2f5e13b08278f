package dev.lakehouse.streams.codec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The binary form of a row of an Iceberg table on a topic: a format byte, the number of columns, then per
 * column a presence byte and its {@link TypedValues value}, in the schema's column order. Columns are
 * only ever appended to these schemas: a row written before a column existed reads with it null.
 */
public final class RowCodec {
  public static final byte FORMAT = 2;

  private final Schema schema;
  private final List<NestedField> columns;
  private final Type[] types;
  private final String description;
  private volatile TargetPositions lastTarget;

  public RowCodec(Schema schema) {
    this.schema = schema;
    this.columns = schema.columns();
    this.types = columns.stream().map(NestedField::type).toArray(Type[]::new);
    this.description = "an encoded row of (" + columns.size() + " columns: " + columns.get(0).name() + ", ...)";
  }

  public Schema schema() {
    return schema;
  }

  /** Encodes {@code row} (values by column name; absent = null). A null in a required column is a bug and fails. */
  public byte[] encode(Map<String, Object> row) {
    BinaryWriter out = new BinaryWriter(256);
    out.write(FORMAT);
    out.varint(columns.size());
    for (int i = 0; i < types.length; i++) {
      NestedField column = columns.get(i);
      Object value = row.get(column.name());
      if (value == null) {
        if (column.isRequired()) {
          throw new IllegalArgumentException("required column " + column.name() + " is null");
        }
        out.write(0);
      } else {
        out.write(1);
        TypedValues.write(out, types[i], value);
      }
    }
    return out.toByteArray();
  }

  /** The values in column order (null where absent). */
  public Object[] decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes, description);
    if (in.read() != FORMAT) {
      throw new IllegalArgumentException("not an encoded table row (format byte " + bytes[0] + ")");
    }
    int count = (int) in.varint();
    if (count > types.length) {
      throw new IllegalArgumentException("an encoded row has " + count + " columns; this version knows " + types.length);
    }
    Object[] values = new Object[types.length];
    for (int i = 0; i < count; i++) {
      if (in.read() != 0) {
        values[i] = TypedValues.read(in, types[i]);
      }
    }
    return values;
  }

  /** The values by column name, in column order. */
  public Map<String, Object> decodeToMap(byte[] bytes) {
    Object[] values = decode(bytes);
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(columns.get(i).name(), values[i]);
    }
    return row;
  }

  /** A generic record of {@code target} (the table's current schema) holding the columns it shares with this codec's schema. */
  public GenericRecord decodeInto(byte[] bytes, Schema target) {
    return decodeInto(bytes, target, null);
  }

  /**
   * Like {@link #decodeInto(byte[], Schema)}, but only the columns of {@code wanted} (by name) get values;
   * the others are stepped over without being read into objects. For a row's partition, say.
   */
  public GenericRecord decodeInto(byte[] bytes, Schema target, Set<String> wanted) {
    int[] positions = positionsIn(target);
    BinaryReader in = new BinaryReader(bytes, description);
    if (in.read() != FORMAT) {
      throw new IllegalArgumentException("not an encoded table row (format byte " + bytes[0] + ")");
    }
    int count = (int) in.varint();
    if (count > types.length) {
      throw new IllegalArgumentException("an encoded row has " + count + " columns; this version knows " + types.length);
    }
    GenericRecord record = GenericRecord.create(target);
    for (int i = 0; i < count; i++) {
      if (in.read() == 0) {
        continue;
      }
      if (positions[i] < 0 || (wanted != null && !wanted.contains(columns.get(i).name()))) {
        TypedValues.skip(in, types[i]);
      } else {
        record.set(positions[i], TypedValues.read(in, types[i]));
      }
    }
    return record;
  }

  /** For each of this codec's columns, its position in {@code target} (-1 when absent); kept for the last target asked. */
  private int[] positionsIn(Schema target) {
    TargetPositions known = lastTarget;
    if (known != null && known.schema == target) {
      return known.positions;
    }
    List<NestedField> targetColumns = target.columns();
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = -1;
      for (int p = 0; p < targetColumns.size(); p++) {
        if (targetColumns.get(p).name().equals(columns.get(i).name())) {
          positions[i] = p;
          break;
        }
      }
    }
    lastTarget = new TargetPositions(target, positions);
    return positions;
  }

  private record TargetPositions(Schema schema, int[] positions) {}

  @Override
  public String toString() {
    return "RowCodec" + Arrays.toString(columns.stream().map(NestedField::name).toArray());
  }
}
