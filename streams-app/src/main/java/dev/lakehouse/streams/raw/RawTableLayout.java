package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;

/**
 * Partitioning and sort order of each raw table, for the reads analysts make (time ranges first, then
 * state and city) without making small files. See docs/raw-tables.md for the reasoning.
 */
final class RawTableLayout {
  private RawTableLayout() {}

  static PartitionSpec spec(Dataset dataset, Schema schema) {
    return switch (dataset) {
      // facts: by UTC day of the event, so a day's orders land in one partition per commit
      case ORDER -> PartitionSpec.builderFor(schema).day("order_created_at").build();
      case ORDER_STATUS -> PartitionSpec.builderFor(schema).day("created_at").build();
      // dimensions: small (orders/4 and orders/40 rows), partitioning would only multiply files
      case CONSUMER, RESTAURANT -> PartitionSpec.unpartitioned();
    };
  }

  /**
   * Columns whose values are (nearly) unique per row: identifiers, the {@code items} JSON, exact
   * timestamps, coordinates and the lineage offsets. Parquet would hash every value into a dictionary it
   * then abandons, a fifth of the writer's CPU in profiles, so these are written plain. Low-cardinality
   * columns (state, city, status, platform, zone) keep their dictionaries.
   */
  static List<String> uniqueValuedColumns(Dataset dataset) {
    List<String> source = switch (dataset) {
      case ORDER -> List.of("cpf", "customer_id", "delivery_address_external_id", "delivery_address_latitude",
          "delivery_address_longitude", "items", "order_created_at", "order_id");
      case ORDER_STATUS -> List.of("created_at", "order_id", "status_id");
      case CONSUMER -> List.of("customer_id", "created_at", "customer_phone_number");
      case RESTAURANT -> List.of("id", "created_at");
    };
    List<String> columns = new ArrayList<>(source);
    columns.addAll(List.of(RawTables.SOURCE_OFFSET, RawTables.KAFKA_TIMESTAMP, RawTables.INGESTED_AT, RawTables.SOURCE_LINE));
    return columns;
  }

  /** The table properties that turn Parquet's dictionary off for {@code columns}. */
  static Map<String, String> plainEncoded(List<String> columns) {
    Map<String, String> properties = new LinkedHashMap<>();
    columns.forEach(column -> properties.put(TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false"));
    return properties;
  }

  static SortOrder sortOrder(Dataset dataset, Schema schema) {
    return switch (dataset) {
      case ORDER -> SortOrder.builderFor(schema).asc("delivery_address_state").asc("delivery_address_city")
          .asc("order_created_at").build();
      case ORDER_STATUS -> SortOrder.builderFor(schema).asc("order_id").asc("created_at").build();
      case CONSUMER -> SortOrder.builderFor(schema).asc("customer_id").build();
      case RESTAURANT -> SortOrder.builderFor(schema).asc("merchant_state").asc("merchant_city").build();
    };
  }
}
