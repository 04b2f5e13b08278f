package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.FieldContract;
import dev.lakehouse.common.lake.LakeLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The Iceberg schemas of the raw tables: every source field under its source name, typed and
 * required as its contract file says (timestamps as timestamptz, money as decimal, booleans and
 * numbers typed, identifiers and codes as strings, {@code items} as its JSON string), followed by
 * the lineage columns. Field ids are stable: source fields first, in contract order, then lineage
 * from id 1000.
 */
public final class RawTables {
  /** Money in reais: up to ten billion with centavos. */
  public static final Types.DecimalType MONEY = Types.DecimalType.of(14, 2);

  public static final String SOURCE_TOPIC = LakeLayout.SOURCE_TOPIC;
  public static final String SOURCE_PARTITION = LakeLayout.SOURCE_PARTITION;
  public static final String SOURCE_OFFSET = LakeLayout.SOURCE_OFFSET;
  public static final String KAFKA_TIMESTAMP = LakeLayout.KAFKA_TIMESTAMP;
  public static final String INGESTED_AT = "_ingested_at";
  public static final String SOURCE_URI = "_source_uri";
  public static final String SOURCE_LINE = "_source_line";

  private RawTables() {}

  /**
   * The raw table's name in the {@code raw} namespace: the dataset's name, e.g. {@code
   * order_status}.
   */
  public static String tableName(DatasetContract dataset) {
    return dataset.name();
  }

  public static Schema schema(DatasetContract dataset) {
    List<NestedField> fields = new ArrayList<>();
    int id = 1;
    for (FieldContract field : dataset.fields()) {
      Type type = RawColumnTypes.of(field.type());
      fields.add(
          field.required()
              ? NestedField.required(id++, field.name(), type)
              : NestedField.optional(id++, field.name(), type));
    }
    fields.add(NestedField.required(1000, SOURCE_TOPIC, Types.StringType.get()));
    fields.add(NestedField.required(1001, SOURCE_PARTITION, Types.IntegerType.get()));
    fields.add(NestedField.required(1002, SOURCE_OFFSET, Types.LongType.get()));
    fields.add(NestedField.required(1003, KAFKA_TIMESTAMP, Types.TimestampType.withZone()));
    fields.add(NestedField.required(1004, INGESTED_AT, Types.TimestampType.withZone()));
    fields.add(NestedField.optional(1005, SOURCE_URI, Types.StringType.get()));
    fields.add(NestedField.optional(1006, SOURCE_LINE, Types.LongType.get()));
    return new Schema(fields);
  }

  /** The raw column type of one of the dataset's fields. */
  static Type typeOf(DatasetContract dataset, String field) {
    return RawColumnTypes.of(
        dataset
            .field(field)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(dataset.name() + " has no field '" + field + "'"))
            .type());
  }
}
