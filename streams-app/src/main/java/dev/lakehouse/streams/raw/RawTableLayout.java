package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.FieldContract;
import dev.lakehouse.common.contract.PartitionField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;

/**
 * Partitioning, sort order and plain-encoded columns of each raw table, as its contract file
 * declares them, for the reads analysts make (time ranges first, then state and city) without
 * making small files. See docs/raw-tables.md for the reasoning.
 */
final class RawTableLayout {
  private RawTableLayout() {}

  static PartitionSpec spec(DatasetContract dataset, Schema schema) {
    PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
    for (PartitionField field : dataset.partitioning()) {
      switch (field.transform()) {
        case IDENTITY -> spec.identity(field.field());
        case YEAR -> spec.year(field.field());
        case MONTH -> spec.month(field.field());
        case DAY -> spec.day(field.field());
        case HOUR -> spec.hour(field.field());
      }
    }
    return spec.build();
  }

  /**
   * Columns whose values are (nearly) unique per row: the contract's plain-encoded fields
   * (identifiers, the {@code items} JSON, exact timestamps, coordinates) and the lineage offsets.
   * Parquet would hash every value into a dictionary it then abandons, a fifth of the writer's CPU
   * in profiles, so these are written plain. Low-cardinality columns (state, city, status,
   * platform, zone) keep their dictionaries.
   */
  static List<String> uniqueValuedColumns(DatasetContract dataset) {
    List<String> columns =
        new ArrayList<>(
            dataset.fields().stream()
                .filter(FieldContract::plainEncoded)
                .map(FieldContract::name)
                .toList());
    columns.addAll(
        List.of(
            RawTables.SOURCE_OFFSET,
            RawTables.KAFKA_TIMESTAMP,
            RawTables.INGESTED_AT,
            RawTables.SOURCE_LINE));
    return columns;
  }

  /** The table properties that turn Parquet's dictionary off for {@code columns}. */
  static Map<String, String> plainEncoded(List<String> columns) {
    Map<String, String> properties = new LinkedHashMap<>();
    columns.forEach(
        column ->
            properties.put(
                TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false"));
    return properties;
  }

  static SortOrder sortOrder(DatasetContract dataset, Schema schema) {
    SortOrder.Builder order = SortOrder.builderFor(schema);
    dataset.sortOrder().forEach(order::asc);
    return order.build();
  }
}
