package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.Dataset;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;

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
