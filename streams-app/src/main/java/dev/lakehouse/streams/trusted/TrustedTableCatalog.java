package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.lake.LakeMarks;
import dev.lakehouse.streams.raw.RawTableCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Creates the trusted tables on first start (format v2, partitioned, sorted), evolves them like the
 * raw ones, and keeps the views of their current rows ({@link TrustedViews}) in step with their
 * columns.
 */
public final class TrustedTableCatalog {
  /** The row key of a table that is not versioned. */
  private static final List<String> APPEND_ONLY = List.of();

  private TrustedTableCatalog() {}

  /** The trusted tables by the topic that feeds each. */
  public static Map<String, Table> ensure(Catalog catalog) {
    Map<String, Table> tables = new LinkedHashMap<>();
    Schema order = TrustedTables.order();
    tables.put(
        Topics.TRUSTED_ORDER_ROWS,
        ensure(
            catalog,
            TrustedTables.ORDER,
            order,
            TrustedTables.orderSpec(order),
            SortOrder.builderFor(order)
                .asc("delivery_address_state")
                .asc("delivery_address_city")
                .asc("order_id")
                .build(),
            List.of(
                "order_id",
                "order_created_at",
                "cpf_pseudonym",
                "customer_id",
                "customer_name_pseudonym",
                "delivery_address_external_id_pseudonym",
                "consumer_customer_name_pseudonym",
                "consumer_customer_phone_number_pseudonym",
                "last_status_at",
                "last_status_id",
                "_source_offset",
                TrustedTables.VERSIONED_AT),
            List.of(TrustedTables.ORDER_ID)));
    Schema item = TrustedTables.orderItem();
    tables.put(
        Topics.TRUSTED_ITEM_ROWS,
        ensure(
            catalog,
            TrustedTables.ORDER_ITEM,
            item,
            TrustedTables.itemSpec(item),
            SortOrder.builderFor(item).asc("order_id").asc("item_position").build(),
            List.of("order_id", "external_id", TrustedTables.VERSIONED_AT),
            List.of(TrustedTables.ORDER_ID, "item_position")));
    Schema garnish = TrustedTables.orderItemGarnish();
    tables.put(
        Topics.TRUSTED_GARNISH_ROWS,
        ensure(
            catalog,
            TrustedTables.ORDER_ITEM_GARNISH,
            garnish,
            TrustedTables.itemSpec(garnish),
            SortOrder.builderFor(garnish)
                .asc("order_id")
                .asc("item_position")
                .asc("garnish_position")
                .build(),
            List.of("order_id", "external_id", TrustedTables.VERSIONED_AT),
            List.of(TrustedTables.ORDER_ID, "item_position", "garnish_position")));
    Schema status = TrustedTables.orderStatus();
    tables.put(
        Topics.TRUSTED_STATUS_ROWS,
        ensure(
            catalog,
            TrustedTables.ORDER_STATUS,
            status,
            TrustedTables.statusSpec(status),
            SortOrder.builderFor(status).asc("order_id").build(),
            List.of(
                "order_id",
                "registered_at",
                "placed_at",
                "concluded_at",
                "cancelled_at",
                "last_status_at",
                "last_status_id",
                TrustedTables.VERSIONED_AT),
            List.of(TrustedTables.ORDER_ID)));
    Schema quality = TrustedTables.dataQuality();
    tables.put(
        Topics.TRUSTED_QUALITY,
        ensure(
            catalog,
            TrustedTables.DATA_QUALITY,
            quality,
            PartitionSpec.builderFor(quality).day("measured_at").build(),
            SortOrder.builderFor(quality).asc("measured_at").build(),
            List.of(),
            APPEND_ONLY));
    TrustedViews.ensure(
        catalog,
        Map.of(
            TrustedTables.ORDER,
            tables.get(Topics.TRUSTED_ORDER_ROWS).schema(),
            TrustedTables.ORDER_STATUS,
            tables.get(Topics.TRUSTED_STATUS_ROWS).schema(),
            TrustedTables.ORDER_ITEM,
            tables.get(Topics.TRUSTED_ITEM_ROWS).schema(),
            TrustedTables.ORDER_ITEM_GARNISH,
            tables.get(Topics.TRUSTED_GARNISH_ROWS).schema()));
    return tables;
  }

  private static Table ensure(
      Catalog catalog,
      TableIdentifier id,
      Schema schema,
      PartitionSpec spec,
      SortOrder sortOrder,
      List<String> uniqueValuedColumns,
      List<String> rowKey) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(LakeMarks.COMPACTION_STRATEGY, LakeMarks.SORT);
    if (!rowKey.isEmpty()) {
      // versioned: one row set per order and version, a row unique by rowKey within it
      properties.put(LakeMarks.VERSIONED_KEY, TrustedTables.ORDER_ID);
      properties.put(LakeMarks.VERSIONED_ROW_KEY, String.join(",", rowKey));
    }
    uniqueValuedColumns.forEach(
        column ->
            properties.put(
                TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false"));
    return RawTableCatalog.ensureTable(catalog, id, schema, spec, sortOrder, properties);
  }
}
