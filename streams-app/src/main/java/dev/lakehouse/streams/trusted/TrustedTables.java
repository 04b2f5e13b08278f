package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.lake.LakeMarks;
import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.streams.raw.RawTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The trusted tables. Each is append-only: a change to an order arrives as a new version of its row
 * (or of its item set, or of its status row), numbered per order in {@code _version}; the current
 * row of an order is the one with the highest version (see docs/trusted-tables.md). Personal fields
 * appear only as keyed pseudonyms, under a {@code _pseudonym} name.
 */
public final class TrustedTables {
  public static final Namespace NAMESPACE = Namespace.of(LakeLayout.TRUSTED_NAMESPACE);
  public static final TableIdentifier ORDER = TableIdentifier.of(NAMESPACE, "order");
  public static final TableIdentifier ORDER_ITEM = TableIdentifier.of(NAMESPACE, "order_item");
  public static final TableIdentifier ORDER_ITEM_GARNISH =
      TableIdentifier.of(NAMESPACE, "order_item_garnish");
  public static final TableIdentifier ORDER_STATUS = TableIdentifier.of(NAMESPACE, "order_status");
  public static final TableIdentifier DATA_QUALITY = TableIdentifier.of(NAMESPACE, "data_quality");

  public static final String ORDER_ID = "order_id";
  public static final String VERSION = LakeMarks.VERSION_COLUMN;
  public static final String VERSIONED_AT = LakeMarks.VERSIONED_AT_COLUMN;
  public static final String CAUSED_AT = "_caused_at";
  public static final String ORDER_LOCAL_DATE = "order_local_date";

  private TrustedTables() {}

  /**
   * One row per order version: the order, its consumer and restaurant (prefixed), its last status.
   */
  public static Schema order() {
    return new Columns()
        .required("order_id", Types.StringType.get())
        .required(
            ORDER_LOCAL_DATE,
            Types.DateType.get(),
            "order_created_at in merchant_timezone: the restaurant's day")
        .required("order_created_at", Types.TimestampType.withZone())
        .optional("cpf_pseudonym", Types.StringType.get(), "HMAC-SHA256 pseudonym of cpf")
        .optional("customer_id", Types.StringType.get())
        .optional(
            "customer_name_pseudonym",
            Types.StringType.get(),
            "HMAC-SHA256 pseudonym of customer_name")
        .optional("delivery_address_city", Types.StringType.get())
        .optional("delivery_address_country", Types.StringType.get())
        .optional("delivery_address_district", Types.StringType.get())
        .optional(
            "delivery_address_external_id_pseudonym",
            Types.StringType.get(),
            "HMAC-SHA256 pseudonym of the address id")
        .optional(
            "delivery_address_latitude",
            Types.DoubleType.get(),
            "true latitude (un-swapped), rounded to 0.01°")
        .optional(
            "delivery_address_longitude",
            Types.DoubleType.get(),
            "true longitude (un-swapped), rounded to 0.01°")
        .optional("delivery_address_state", Types.StringType.get())
        .optional("delivery_address_zip_code", Types.StringType.get())
        .required("merchant_id", Types.StringType.get())
        .optional(
            "merchant_latitude",
            Types.DoubleType.get(),
            "true latitude (un-swapped), rounded to 0.01°")
        .optional(
            "merchant_longitude",
            Types.DoubleType.get(),
            "true longitude (un-swapped), rounded to 0.01°")
        .optional("merchant_timezone", Types.StringType.get())
        .optional("order_scheduled", Types.BooleanType.get())
        .optional("order_scheduled_date", Types.TimestampType.withZone())
        .optional("order_total_amount", RawTables.MONEY)
        .optional("origin_platform", Types.StringType.get())
        .optional("item_count", Types.IntegerType.get())
        .optional("consumer_language", Types.StringType.get())
        .optional("consumer_created_at", Types.TimestampType.withZone())
        .optional("consumer_active", Types.BooleanType.get())
        .optional(
            "consumer_customer_name_pseudonym",
            Types.StringType.get(),
            "HMAC-SHA256 pseudonym of the consumer's name")
        .optional("consumer_customer_phone_area", Types.StringType.get())
        .optional(
            "consumer_customer_phone_number_pseudonym",
            Types.StringType.get(),
            "HMAC-SHA256 pseudonym of the phone number")
        .optional("restaurant_created_at", Types.TimestampType.withZone())
        .optional("restaurant_enabled", Types.BooleanType.get())
        .optional("restaurant_price_range", Types.IntegerType.get())
        .optional("restaurant_average_ticket", RawTables.MONEY)
        .optional("restaurant_takeout_time", Types.IntegerType.get())
        .optional("restaurant_delivery_time", Types.IntegerType.get())
        .optional("restaurant_minimum_order_value", RawTables.MONEY)
        .optional("restaurant_merchant_zip_code", Types.StringType.get())
        .optional("restaurant_merchant_city", Types.StringType.get())
        .optional("restaurant_merchant_state", Types.StringType.get())
        .optional("restaurant_merchant_country", Types.StringType.get())
        .required(
            "consumer_missing",
            Types.BooleanType.get(),
            "the order names a customer_id whose consumer has not arrived")
        .required("restaurant_missing", Types.BooleanType.get(), "the restaurant has not arrived")
        .optional("last_status", Types.StringType.get())
        .optional("last_status_at", Types.TimestampType.withZone())
        .optional("last_status_id", Types.StringType.get())
        .required(
            "duplicate_rule",
            Types.StringType.get(),
            "SINGLE, MATCHES_REGISTERED or LATEST: how this copy was chosen")
        .required(
            "rejected_copies",
            Types.IntegerType.get(),
            "other copies of the order_id, recorded as rejected duplicates")
        .optional(
            "rejected_copy_created_at",
            Types.TimestampType.withZone(),
            "order_created_at of the latest rejected copy")
        .lineageAndVersion()
        .schema();
  }

  /** One row per item of an order's item set version. */
  public static Schema orderItem() {
    return new Columns()
        .required("order_id", Types.StringType.get())
        .required(ORDER_LOCAL_DATE, Types.DateType.get())
        .required(
            "item_position",
            Types.IntegerType.get(),
            "0-based place in the source array (items are not sorted by sequence)")
        .optional("sequence", Types.IntegerType.get())
        .optional("name", Types.StringType.get())
        .optional("quantity", Types.DecimalType.of(12, OrderItems.QUANTITY_SCALE))
        .optional("unit_price", RawTables.MONEY)
        .optional("addition", RawTables.MONEY)
        .optional("discount", RawTables.MONEY)
        .optional("total_addition", RawTables.MONEY)
        .optional("total_discount", RawTables.MONEY)
        .optional("total_value", RawTables.MONEY)
        .optional("currency", Types.StringType.get())
        .optional("external_id", Types.StringType.get())
        .optional("integration_id", Types.StringType.get())
        .optional("has_customer_note", Types.BooleanType.get())
        .required("garnish_count", Types.IntegerType.get())
        .versionOnly()
        .schema();
  }

  /** One row per garnish item, linked to its item by (order_id, item_position). */
  public static Schema orderItemGarnish() {
    return new Columns()
        .required("order_id", Types.StringType.get())
        .required(ORDER_LOCAL_DATE, Types.DateType.get())
        .required("item_position", Types.IntegerType.get())
        .optional("item_sequence", Types.IntegerType.get())
        .required("garnish_position", Types.IntegerType.get())
        .optional("sequence", Types.IntegerType.get())
        .optional("name", Types.StringType.get())
        .optional("category_id", Types.StringType.get())
        .optional("category_name", Types.StringType.get())
        .optional("quantity", Types.DecimalType.of(12, OrderItems.QUANTITY_SCALE))
        .optional("unit_price", RawTables.MONEY)
        .optional("addition", RawTables.MONEY)
        .optional("discount", RawTables.MONEY)
        .optional("total_value", RawTables.MONEY)
        .optional("currency", Types.StringType.get())
        .optional("external_id", Types.StringType.get())
        .optional("integration_id", Types.StringType.get())
        .versionOnly()
        .schema();
  }

  /** One row per order status version: when the order first reached each state, and its flow. */
  public static Schema orderStatus() {
    return new Columns()
        .required("order_id", Types.StringType.get())
        .optional("registered_at", Types.TimestampType.withZone())
        .optional("placed_at", Types.TimestampType.withZone())
        .optional("concluded_at", Types.TimestampType.withZone())
        .optional("cancelled_at", Types.TimestampType.withZone())
        .required("last_status", Types.StringType.get())
        .required("last_status_at", Types.TimestampType.withZone())
        .required("last_status_id", Types.StringType.get())
        .required(
            "valid_flow",
            Types.BooleanType.get(),
            "REGISTERED<PLACED<CONCLUDED|CANCELLED, REGISTERED<CANCELLED, or an open prefix")
        .required("status_events", Types.IntegerType.get(), "distinct events (repeats count once)")
        .versionOnly()
        .schema();
  }

  /**
   * One row per task and measurement (every few seconds, when something changed): the task's
   * counters since it began, exact under exactly-once. The stage's figures are the sums over the
   * latest row of every task.
   */
  public static Schema dataQuality() {
    Columns columns =
        new Columns()
            .required("measured_at", Types.TimestampType.withZone())
            .required(
                "application_id", Types.StringType.get(), "the Streams application that measured")
            .required(
                "stream_task",
                Types.StringType.get(),
                "the Kafka Streams task (sub-topology_partition) that measured");
    for (QualityCounters.Metric metric : QualityCounters.Metric.values()) {
      columns.required(metric.column(), Types.LongType.get());
    }
    return columns.schema();
  }

  /**
   * The schema the stage creates a versioned trusted table with, by the table's name ({@link
   * LakeViews#ORDER} and its siblings).
   */
  public static Schema versionedSchema(String table) {
    return switch (table) {
      case LakeViews.ORDER -> order();
      case LakeViews.ORDER_STATUS -> orderStatus();
      case LakeViews.ORDER_ITEM -> orderItem();
      case LakeViews.ORDER_ITEM_GARNISH -> orderItemGarnish();
      default -> throw new IllegalArgumentException("not a versioned trusted table: " + table);
    };
  }

  /** The schema the stage encodes the rows of a trusted rows topic with. */
  public static Schema schemaOf(String rowsTopic) {
    return switch (rowsTopic) {
      case Topics.TRUSTED_ORDER_ROWS -> order();
      case Topics.TRUSTED_ITEM_ROWS -> orderItem();
      case Topics.TRUSTED_GARNISH_ROWS -> orderItemGarnish();
      case Topics.TRUSTED_STATUS_ROWS -> orderStatus();
      case Topics.TRUSTED_QUALITY -> dataQuality();
      default -> throw new IllegalArgumentException("not a trusted rows topic: " + rowsTopic);
    };
  }

  public static PartitionSpec orderSpec(Schema schema) {
    return PartitionSpec.builderFor(schema).identity(ORDER_LOCAL_DATE).build();
  }

  public static PartitionSpec itemSpec(Schema schema) {
    return PartitionSpec.builderFor(schema).identity(ORDER_LOCAL_DATE).build();
  }

  public static PartitionSpec statusSpec(Schema schema) {
    return PartitionSpec.builderFor(schema).month("last_status_at").build();
  }

  /** Builds a schema with ids in order. */
  private static final class Columns {
    private final List<NestedField> fields = new ArrayList<>();

    Columns required(String name, Type type) {
      return required(name, type, null);
    }

    Columns required(String name, Type type, String doc) {
      fields.add(NestedField.required(fields.size() + 1, name, type, doc));
      return this;
    }

    Columns optional(String name, Type type) {
      return optional(name, type, null);
    }

    Columns optional(String name, Type type, String doc) {
      fields.add(NestedField.optional(fields.size() + 1, name, type, doc));
      return this;
    }

    Columns lineageAndVersion() {
      required(RawTables.SOURCE_TOPIC, Types.StringType.get(), "the chosen copy's source topic");
      required(RawTables.SOURCE_PARTITION, Types.IntegerType.get());
      required(RawTables.SOURCE_OFFSET, Types.LongType.get());
      return versionOnly();
    }

    Columns versionOnly() {
      required(
          VERSION, Types.LongType.get(), "1, 2, ... per order: the highest is the current row");
      required(
          VERSIONED_AT, Types.TimestampType.withZone(), "when the stage produced this version");
      required(
          CAUSED_AT,
          Types.TimestampType.withZone(),
          "Kafka timestamp of the source event that caused this version");
      return this;
    }

    Schema schema() {
      return new Schema(fields);
    }
  }
}
