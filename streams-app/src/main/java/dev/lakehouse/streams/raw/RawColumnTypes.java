package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.FieldType;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The Iceberg type of a raw column, from its contract field's type. */
public final class RawColumnTypes {
  private RawColumnTypes() {}

  public static Type of(FieldType type) {
    return switch (type.kind()) {
      case STRING -> Types.StringType.get();
      case BOOLEAN -> Types.BooleanType.get();
      case INT -> Types.IntegerType.get();
      case LONG -> Types.LongType.get();
      case DOUBLE -> Types.DoubleType.get();
      case DECIMAL -> Types.DecimalType.of(type.precision(), type.scale());
      case TIMESTAMPTZ -> Types.TimestampType.withZone();
    };
  }
}
