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
 * The binary form of a row of an Iceberg table on a topic: a format byte, the number of columns,
 * then per column a presence byte and its {@link TypedValues value}, in the schema's column order.
 * Columns are only ever appended to these schemas: a row written before a column existed reads with
 * it null.
 */
public final class RowCodec {
  public static final byte FORMAT = 2;

  private final Schema schema;
  private final List<NestedField> columns;
  private final Type[] types;
  private final String description;

  public RowCodec(Schema schema) {
    this.schema = schema;
    this.columns = schema.columns();
    this.types = columns.stream().map(NestedField::type).toArray(Type[]::new);
    this.description =
        "an encoded row of (" + columns.size() + " columns: " + columns.get(0).name() + ", ...)";
  }

  public Schema schema() {
    return schema;
  }

  /**
   * Encodes {@code row} (values by column name; absent = null). A null in a required column is a
   * bug and fails.
   */
  public byte[] encode(Map<String, Object> row) {
    BinaryWriter out = new BinaryWriter(256);
    out.write(FORMAT);
    out.varint(columns.size());
    for (int i = 0; i < types.length; i++) {
      writeColumn(out, columns.get(i), types[i], row.get(columns.get(i).name()));
    }
    return out.toByteArray();
  }

  /**
   * One column of the format: a presence byte, then the value. A null in a required column is a bug
   * and fails.
   */
  static void writeColumn(BinaryWriter out, NestedField column, Type type, Object value) {
    if (value == null) {
      if (column.isRequired()) {
        throw new IllegalArgumentException("required column " + column.name() + " is null");
      }
      out.write(0);
    } else {
      out.write(1);
      TypedValues.write(out, type, value);
    }
  }

  /** The values in column order (null where absent). */
  public Object[] decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes, description);
    int count = readHeader(in, bytes);
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

  /** Checks the format byte and returns how many columns the row holds. */
  private int readHeader(BinaryReader in, byte[] bytes) {
    if (in.read() != FORMAT) {
      throw new IllegalArgumentException("not an encoded table row (format byte " + bytes[0] + ")");
    }
    int count = (int) in.varint();
    if (count > types.length) {
      throw new IllegalArgumentException(
          "an encoded row has " + count + " columns; this version knows " + types.length);
    }
    return count;
  }

  /**
   * Decodes rows into generic records of {@code target} (the table's current schema), by column
   * name.
   */
  public Projection projectionOnto(Schema target) {
    return projectionOnto(target, null);
  }

  /**
   * Like {@link #projectionOnto(Schema)}, but only the columns named in {@code only} get values;
   * the others are stepped over without being read into objects. For a row's partition, say.
   */
  public Projection projectionOnto(Schema target, Set<String> only) {
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      String name = columns.get(i).name();
      NestedField field = target.findField(name);
      positions[i] =
          field == null || (only != null && !only.contains(name))
              ? -1
              : target.columns().indexOf(field);
    }
    return new Projection(target, positions);
  }

  /** Rows of this codec decoded into one target schema, with the positions worked out once. */
  public final class Projection {
    private final Schema target;

    /** For each of the codec's columns, its position in the target; -1 to step over it. */
    private final int[] positions;

    private Projection(Schema target, int[] positions) {
      this.target = target;
      this.positions = positions;
    }

    public GenericRecord decode(byte[] bytes) {
      BinaryReader in = new BinaryReader(bytes, description);
      int count = readHeader(in, bytes);
      GenericRecord record = GenericRecord.create(target);
      for (int i = 0; i < count; i++) {
        if (in.read() == 0) {
          continue;
        }
        if (positions[i] < 0) {
          TypedValues.skip(in, types[i]);
        } else {
          record.set(positions[i], TypedValues.read(in, types[i]));
        }
      }
      return record;
    }
  }

  @Override
  public String toString() {
    return "RowCodec" + Arrays.toString(columns.stream().map(NestedField::name).toArray());
  }
}
