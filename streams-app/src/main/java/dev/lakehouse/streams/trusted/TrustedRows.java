package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.RawRowCodec.RawRow;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.streams.trusted.Pseudonymizer.Kind;
import dev.lakehouse.streams.trusted.StatusEvent.OrderStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the trusted rows of one order from everything known about it: its copies, its status
 * events, its consumer and its restaurant (each possibly not arrived yet). A pure function of its
 * inputs, so the streaming stage and a batch over the complete inputs build the same rows. Rows are
 * maps by column name without {@code _version} and {@code _versioned_at}, which the stage adds.
 * Personal fields leave here only as pseudonyms. Not thread safe (the pseudonymizer is not).
 */
public final class TrustedRows {
  /** The zone of an order whose merchant_timezone is missing: the contract's most common zone. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Sao_Paulo");

  private final Pseudonymizer pseudonyms;
  private final Fields order = new Fields(Dataset.ORDER);
  private final Fields consumer = new Fields(Dataset.CONSUMER);
  private final Fields restaurant = new Fields(Dataset.RESTAURANT);

  public TrustedRows(Pseudonymizer pseudonyms) {
    this.pseudonyms = pseudonyms;
  }

  /** The chosen copy of an order and how it was chosen. */
  public DuplicateOrders.Resolution<RawRow> chooseCopy(
      Collection<RawRow> copies, StatusTimeline timeline, Collection<StatusEvent> events) {
    List<OffsetDateTime> registered =
        events.stream()
            .filter(e -> e.value() == OrderStatus.REGISTERED)
            .map(StatusEvent::createdAt)
            .toList();
    return DuplicateOrders.resolve(
        copies,
        copy -> (OffsetDateTime) order.get(copy, "order_created_at"),
        CONTENT_ORDER,
        registered);
  }

  /**
   * The order row of the chosen copy, enriched; {@code consumerRow} and {@code restaurantRow} may
   * be null.
   */
  public Map<String, Object> order(
      DuplicateOrders.Resolution<RawRow> resolution,
      StatusTimeline timeline,
      RawRow consumerRow,
      RawRow restaurantRow,
      Integer itemCount) {
    RawRow copy = resolution.chosen();
    Map<String, Object> row = new LinkedHashMap<>();
    OffsetDateTime createdAt = (OffsetDateTime) order.get(copy, "order_created_at");
    String customerId = (String) order.get(copy, "customer_id");
    row.put("order_id", order.get(copy, "order_id"));
    row.put(
        TrustedTables.ORDER_LOCAL_DATE,
        localDate(createdAt, (String) order.get(copy, "merchant_timezone")));
    row.put("order_created_at", createdAt);
    row.put("cpf_pseudonym", pseudonyms.of(Kind.CPF, (String) order.get(copy, "cpf")));
    row.put("customer_id", customerId);
    row.put(
        "customer_name_pseudonym",
        pseudonyms.of(Kind.CUSTOMER_NAME, (String) order.get(copy, "customer_name")));
    for (String plain :
        List.of("delivery_address_city", "delivery_address_country", "delivery_address_district")) {
      row.put(plain, order.get(copy, plain));
    }
    row.put(
        "delivery_address_external_id_pseudonym",
        pseudonyms.of(
            Kind.ADDRESS_EXTERNAL_ID, (String) order.get(copy, "delivery_address_external_id")));
    Double deliveryLat = (Double) order.get(copy, "delivery_address_latitude");
    Double deliveryLon = (Double) order.get(copy, "delivery_address_longitude");
    row.put("delivery_address_latitude", Coordinates.latitude(deliveryLat, deliveryLon));
    row.put("delivery_address_longitude", Coordinates.longitude(deliveryLat, deliveryLon));
    row.put("delivery_address_state", order.get(copy, "delivery_address_state"));
    row.put("delivery_address_zip_code", order.get(copy, "delivery_address_zip_code"));
    row.put("merchant_id", order.get(copy, "merchant_id"));
    Double merchantLat = (Double) order.get(copy, "merchant_latitude");
    Double merchantLon = (Double) order.get(copy, "merchant_longitude");
    row.put("merchant_latitude", Coordinates.latitude(merchantLat, merchantLon));
    row.put("merchant_longitude", Coordinates.longitude(merchantLat, merchantLon));
    for (String plain :
        List.of(
            "merchant_timezone",
            "order_scheduled",
            "order_scheduled_date",
            "order_total_amount",
            "origin_platform")) {
      row.put(plain, order.get(copy, plain));
    }
    row.put("item_count", itemCount);
    row.put("consumer_language", consumer.get(consumerRow, "language"));
    row.put("consumer_created_at", consumer.get(consumerRow, "created_at"));
    row.put("consumer_active", consumer.get(consumerRow, "active"));
    row.put(
        "consumer_customer_name_pseudonym",
        pseudonyms.of(Kind.CUSTOMER_NAME, (String) consumer.get(consumerRow, "customer_name")));
    row.put("consumer_customer_phone_area", consumer.get(consumerRow, "customer_phone_area"));
    row.put(
        "consumer_customer_phone_number_pseudonym",
        pseudonyms.of(
            Kind.PHONE_NUMBER, (String) consumer.get(consumerRow, "customer_phone_number")));
    for (String field :
        List.of(
            "created_at",
            "enabled",
            "price_range",
            "average_ticket",
            "takeout_time",
            "delivery_time",
            "minimum_order_value",
            "merchant_zip_code",
            "merchant_city",
            "merchant_state",
            "merchant_country")) {
      row.put("restaurant_" + field, restaurant.get(restaurantRow, field));
    }
    row.put("consumer_missing", customerId != null && consumerRow == null);
    row.put("restaurant_missing", restaurantRow == null);
    StatusEvent last = timeline.last();
    row.put("last_status", last == null ? null : last.value().name());
    row.put("last_status_at", last == null ? null : last.createdAt());
    row.put("last_status_id", last == null ? null : last.statusId());
    row.put("duplicate_rule", resolution.rule().name());
    row.put("rejected_copies", resolution.rejected().size());
    row.put(
        "rejected_copy_created_at",
        resolution.rejected().isEmpty()
            ? null
            : order.get(resolution.rejected().get(0), "order_created_at"));
    row.put(RawTables.SOURCE_TOPIC, copy.lineage().topic());
    row.put(RawTables.SOURCE_PARTITION, copy.lineage().partition());
    row.put(RawTables.SOURCE_OFFSET, copy.lineage().offset());
    return row;
  }

  /** The status row of an order; null when it has no status event. */
  public static Map<String, Object> status(String orderId, StatusTimeline timeline) {
    if (timeline.last() == null) {
      return null;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("order_id", orderId);
    row.put("registered_at", timeline.firstTime(OrderStatus.REGISTERED));
    row.put("placed_at", timeline.firstTime(OrderStatus.PLACED));
    row.put("concluded_at", timeline.firstTime(OrderStatus.CONCLUDED));
    row.put("cancelled_at", timeline.firstTime(OrderStatus.CANCELLED));
    row.put("last_status", timeline.last().value().name());
    row.put("last_status_at", timeline.last().createdAt());
    row.put("last_status_id", timeline.last().statusId());
    row.put("valid_flow", timeline.validFlow());
    row.put("status_events", timeline.distinctEvents());
    return row;
  }

  /** The item and garnish rows of an order's chosen copy. */
  public record ItemRows(List<Map<String, Object>> items, List<Map<String, Object>> garnishes) {}

  public ItemRows items(String orderId, LocalDate localDate, List<OrderItems.Item> items) {
    List<Map<String, Object>> itemRows = new ArrayList<>();
    List<Map<String, Object>> garnishRows = new ArrayList<>();
    for (OrderItems.Item item : items) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("order_id", orderId);
      row.put(TrustedTables.ORDER_LOCAL_DATE, localDate);
      row.put("item_position", item.position());
      row.put("sequence", item.sequence());
      row.put("name", item.name());
      row.put("quantity", item.quantity());
      row.put("unit_price", item.unitPrice());
      row.put("addition", item.addition());
      row.put("discount", item.discount());
      row.put("total_addition", item.totalAddition());
      row.put("total_discount", item.totalDiscount());
      row.put("total_value", item.totalValue());
      row.put("currency", item.currency());
      row.put("external_id", item.externalId());
      row.put("integration_id", item.integrationId());
      // free text may hold anything a customer typed (names, phones, addresses): trusted keeps only
      // whether there was one
      row.put("has_customer_note", item.customerNote() != null && !item.customerNote().isBlank());
      row.put("garnish_count", item.garnishes().size());
      itemRows.add(row);
      for (OrderItems.Garnish garnish : item.garnishes()) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("order_id", orderId);
        g.put(TrustedTables.ORDER_LOCAL_DATE, localDate);
        g.put("item_position", item.position());
        g.put("item_sequence", item.sequence());
        g.put("garnish_position", garnish.position());
        g.put("sequence", garnish.sequence());
        g.put("name", garnish.name());
        g.put("category_id", garnish.categoryId());
        g.put("category_name", garnish.categoryName());
        g.put("quantity", garnish.quantity());
        g.put("unit_price", garnish.unitPrice());
        g.put("addition", garnish.addition());
        g.put("discount", garnish.discount());
        g.put("total_value", garnish.totalValue());
        g.put("currency", garnish.currency());
        g.put("external_id", garnish.externalId());
        g.put("integration_id", garnish.integrationId());
        garnishRows.add(g);
      }
    }
    return new ItemRows(itemRows, garnishRows);
  }

  /** The restaurant's day of a copy. */
  public LocalDate localDate(RawRow copy) {
    return localDate(
        (OffsetDateTime) order.get(copy, "order_created_at"),
        (String) order.get(copy, "merchant_timezone"));
  }

  /** A field of an order copy. */
  public Object orderField(RawRow copy, String field) {
    return order.get(copy, field);
  }

  /** The {@code items} string of a copy. */
  public String itemsJson(RawRow copy) {
    return (String) order.get(copy, "items");
  }

  /**
   * The restaurant's day of an order: its creation instant in the merchant's zone (the default zone
   * when absent).
   */
  public static LocalDate localDate(OffsetDateTime createdAt, String merchantTimezone) {
    ZoneId zone = merchantTimezone == null ? DEFAULT_ZONE : ZoneId.of(merchantTimezone);
    return createdAt.atZoneSameInstant(zone).toLocalDate();
  }

  /**
   * Copies created at the same instant differ in cpf (the contract): order them by it, then by
   * source position.
   */
  private static final int CPF = Dataset.ORDER.fieldNames().indexOf("cpf");

  private static final Comparator<RawRow> CONTENT_ORDER =
      Comparator.comparing((RawRow copy) -> String.valueOf(copy.values()[CPF]))
          .thenComparing(copy -> copy.lineage().topic())
          .thenComparingInt(copy -> copy.lineage().partition())
          .thenComparingLong(copy -> copy.lineage().offset());

  /** Reads a dataset's values from a decoded raw row by field name; a null row reads as nulls. */
  private static final class Fields {
    private final Map<String, Integer> positions = new java.util.HashMap<>();

    Fields(Dataset dataset) {
      List<String> names = dataset.fieldNames();
      for (int i = 0; i < names.size(); i++) {
        positions.put(names.get(i), i);
      }
    }

    Object get(RawRow row, String field) {
      if (row == null) {
        return null;
      }
      Integer index = positions.get(field);
      if (index == null) {
        throw new IllegalArgumentException("no field " + field);
      }
      return row.values()[index];
    }
  }
}
