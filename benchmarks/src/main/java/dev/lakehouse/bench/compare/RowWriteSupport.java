package dev.lakehouse.bench.compare;

import dev.lakehouse.streams.codec.Utf8Text;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows held as {@code Object[]} in the order of an Iceberg schema's columns straight into
 * Parquet's record consumer: no boxed records, no object model. Strings as UTF-8, timestamps with
 * zone as epoch microseconds, decimals of precision up to 18 as their unscaled long. The Parquet
 * schema is the one Iceberg would write for that schema (field ids included), so the files are the
 * ones a table would hold.
 */
final class RowWriteSupport extends WriteSupport<Object[]> {
  private final MessageType parquetSchema;
  private final List<Types.NestedField> columns;
  private RecordConsumer consumer;

  RowWriteSupport(Schema schema) {
    this.parquetSchema = ParquetSchemaUtil.convert(schema, "row");
    this.columns = schema.columns();
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(parquetSchema, new HashMap<>());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Object[] row) {
    consumer.startMessage();
    for (int i = 0; i < columns.size(); i++) {
      Object value = row[i];
      if (value == null) {
        continue;
      }
      Types.NestedField column = columns.get(i);
      consumer.startField(column.name(), i);
      writeValue(column.type(), value);
      consumer.endField(column.name(), i);
    }
    consumer.endMessage();
  }

  private void writeValue(Type type, Object value) {
    switch (type.typeId()) {
      case STRING ->
          consumer.addBinary(
              value instanceof Utf8Text text
                  ? Binary.fromConstantByteArray(text.bytes(), text.offset(), text.length())
                  : Binary.fromConstantByteArray(
                      ((String) value).getBytes(StandardCharsets.UTF_8)));
      case INTEGER -> consumer.addInteger((Integer) value);
      case LONG -> consumer.addLong((Long) value);
      case DOUBLE -> consumer.addDouble((Double) value);
      case BOOLEAN -> consumer.addBoolean((Boolean) value);
      case DECIMAL -> consumer.addLong(((BigDecimal) value).unscaledValue().longValueExact());
      case TIMESTAMP -> {
        OffsetDateTime time = (OffsetDateTime) value;
        consumer.addLong(time.toEpochSecond() * 1_000_000L + time.getNano() / 1_000);
      }
      default -> throw new IllegalArgumentException("no Parquet mapping for " + type);
    }
  }
}
