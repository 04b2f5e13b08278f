package dev.lakehouse.streams.raw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.parquet.ColumnWriter;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriters;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes {@link EncodedRawRow}s into Parquet column by column: string bytes go from the record to
 * the page without a {@code String} in between, numbers and timestamps without boxing. Doubles go
 * through Iceberg's own writer, which counts NaN values for the file's metrics. The table's columns
 * are flat, so every column is a top-level primitive.
 */
final class EncodedRawRowParquetWriter implements ParquetValueWriter<EncodedRawRow> {
  private enum Kind {
    STRING,
    BOOLEAN,
    INT32,
    INT64,
    DOUBLE,
    DECIMAL_INT32,
    DECIMAL_INT64,
    DECIMAL_FIXED
  }

  private final Kind[] kinds;
  private final boolean[] required;
  private final int[] nullLevels;
  private final ColumnWriter<?>[] columns;
  private final List<ParquetValueWriter<?>> writers = new ArrayList<>();
  private final ParquetValueWriter<Double>[] doubles;
  private final byte[][] fixedScratch;

  @SuppressWarnings("unchecked")
  EncodedRawRowParquetWriter(Schema schema, MessageType type) {
    List<Types.NestedField> fields = schema.columns();
    int n = fields.size();
    this.kinds = new Kind[n];
    this.required = new boolean[n];
    this.nullLevels = new int[n];
    this.columns = new ColumnWriter<?>[n];
    this.doubles = new ParquetValueWriter[n];
    this.fixedScratch = new byte[n][];
    for (int p = 0; p < n; p++) {
      ColumnDescriptor desc =
          type.getColumnDescription(new String[] {type.getFields().get(p).getName()});
      required[p] = fields.get(p).isRequired();
      nullLevels[p] = desc.getMaxDefinitionLevel() - 1;
      kinds[p] = kindOf(fields.get(p), desc.getPrimitiveType());
      if (kinds[p] == Kind.DOUBLE) {
        // the option wrapper counts the nulls into the column's metrics, as in Iceberg's generic
        // writer
        ParquetValueWriter<Double> values = ParquetValueWriters.doubles(desc);
        doubles[p] =
            required[p]
                ? values
                : ParquetValueWriters.option(
                    type.getFields().get(p), desc.getMaxDefinitionLevel(), values);
        writers.add(doubles[p]);
        columns[p] = (ColumnWriter<?>) doubles[p].columns().get(0);
      } else {
        Column column = new Column(desc);
        writers.add(column);
        columns[p] = column.writer();
      }
      if (kinds[p] == Kind.DECIMAL_FIXED) {
        fixedScratch[p] = new byte[desc.getPrimitiveType().getTypeLength()];
      }
    }
  }

  private static Kind kindOf(Types.NestedField field, PrimitiveType physical) {
    return switch (field.type().typeId()) {
      case STRING -> Kind.STRING;
      case BOOLEAN -> Kind.BOOLEAN;
      case INTEGER, DATE -> Kind.INT32;
      case LONG, TIMESTAMP -> Kind.INT64;
      case DOUBLE -> Kind.DOUBLE;
      case DECIMAL ->
          switch (physical.getPrimitiveTypeName()) {
            case INT32 -> Kind.DECIMAL_INT32;
            case INT64 -> Kind.DECIMAL_INT64;
            case FIXED_LEN_BYTE_ARRAY -> Kind.DECIMAL_FIXED;
            default ->
                throw new IllegalArgumentException(
                    "decimal column " + field.name() + " stored as " + physical);
          };
      default ->
          throw new IllegalArgumentException(
              "raw tables have no column of type " + field.type() + " (" + field.name() + ")");
    };
  }

  @Override
  public void write(int repetitionLevel, EncodedRawRow row) {
    refuseUnfit(row);
    for (int p = 0; p < kinds.length; p++) {
      if (row.isNull(p)) {
        if (doubles[p] != null) {
          doubles[p].write(repetitionLevel, null);
        } else {
          columns[p].writeNull(repetitionLevel, nullLevels[p]);
        }
        continue;
      }
      ColumnWriter<?> column = columns[p];
      switch (kinds[p]) {
        case STRING ->
            column.writeBinary(
                repetitionLevel,
                Binary.fromReusedByteArray(row.bytes(), row.start(p), row.length(p)));
        case BOOLEAN -> column.writeBoolean(repetitionLevel, row.number(p) != 0);
        case INT32 -> column.writeInteger(repetitionLevel, (int) row.number(p));
        case INT64 -> column.writeLong(repetitionLevel, row.number(p));
        case DOUBLE -> doubles[p].write(repetitionLevel, Double.longBitsToDouble(row.number(p)));
        case DECIMAL_INT32 ->
            column.writeInteger(repetitionLevel, Math.toIntExact(row.unscaledLong(p)));
        case DECIMAL_INT64 -> column.writeLong(repetitionLevel, row.unscaledLong(p));
        case DECIMAL_FIXED ->
            column.writeBinary(repetitionLevel, Binary.fromReusedByteArray(signExtended(row, p)));
      }
    }
  }

  /**
   * The backstop behind {@link RowFit}: a value its column cannot hold stops the write before any
   * column of the row is written, rather than be cut short (a wider decimal or integer) or leave
   * half a row in the file.
   */
  private void refuseUnfit(EncodedRawRow row) {
    for (int p = 0; p < kinds.length; p++) {
      if (row.isNull(p)) {
        if (required[p]) {
          throw unfit("required column " + p + " of a raw row is null");
        }
        continue;
      }
      switch (kinds[p]) {
        case INT32 -> {
          if (row.number(p) != (int) row.number(p)) {
            throw unfit("column " + p + " holds a value beyond 32 bits");
          }
        }
        case DECIMAL_INT32 -> {
          if (row.length(p) > 4 || row.unscaledLong(p) != (int) row.unscaledLong(p)) {
            throw unfit("a decimal of " + row.length(p) + " bytes does not fit 32-bit column " + p);
          }
        }
        case DECIMAL_INT64 -> {
          if (row.length(p) > 8) {
            throw unfit("a decimal of " + row.length(p) + " bytes does not fit 64-bit column " + p);
          }
        }
        case DECIMAL_FIXED -> {
          if (row.length(p) > fixedScratch[p].length) {
            throw unfit(
                "a decimal of "
                    + row.length(p)
                    + " bytes does not fit column "
                    + p
                    + " ("
                    + fixedScratch[p].length
                    + " bytes)");
          }
        }
        default -> {}
      }
    }
  }

  private static IllegalStateException unfit(String what) {
    return new IllegalStateException(
        what
            + ": a row its table cannot hold reached the Parquet writer (RowFit refuses such rows)");
  }

  /** The decimal's two's-complement bytes widened to the column's fixed length. */
  private byte[] signExtended(EncodedRawRow row, int p) {
    byte[] out = fixedScratch[p];
    int length = row.length(p);
    if (length > out.length) {
      throw new IllegalStateException(
          "a decimal of "
              + length
              + " bytes does not fit column "
              + p
              + " ("
              + out.length
              + " bytes)");
    }
    byte[] bytes = row.bytes();
    int start = row.start(p);
    byte fill = length > 0 && bytes[start] < 0 ? (byte) -1 : 0;
    int pad = out.length - length;
    Arrays.fill(out, 0, pad, fill);
    System.arraycopy(bytes, start, out, pad, length);
    return out;
  }

  @Override
  public List<TripleWriter<?>> columns() {
    List<TripleWriter<?>> all = new ArrayList<>();
    writers.forEach(writer -> all.addAll(writer.columns()));
    return all;
  }

  @Override
  public void setColumnStore(ColumnWriteStore columnStore) {
    writers.forEach(writer -> writer.setColumnStore(columnStore));
  }

  @Override
  public Stream<FieldMetrics<?>> metrics() {
    return Arrays.stream(doubles).filter(Objects::nonNull).flatMap(ParquetValueWriter::metrics);
  }

  /** A primitive column written through its typed methods. */
  private static final class Column extends ParquetValueWriters.PrimitiveWriter<Object> {
    Column(ColumnDescriptor desc) {
      super(desc);
    }

    ColumnWriter<Object> writer() {
      return column;
    }
  }
}
