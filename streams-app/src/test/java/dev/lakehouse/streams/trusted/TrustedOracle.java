package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.raw.RawRowCodec.RawRow;
import dev.lakehouse.streams.trusted.StatusEvent.OrderStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The batch computation the streaming stage must equal: all inputs at once, no state, no versions.
 * It applies the same row-level rules ({@link TrustedRows}, unit-tested on their own); what it
 * checks is that the incremental stage, fed in any order, ends where a plain batch over the
 * complete inputs does.
 */
final class TrustedOracle {
  final Map<String, List<Map<String, Object>>> orders = new TreeMap<>();
  final Map<String, List<Map<String, Object>>> items = new TreeMap<>();
  final Map<String, List<Map<String, Object>>> garnishes = new TreeMap<>();
  final Map<String, List<Map<String, Object>>> statuses = new TreeMap<>();

  static TrustedOracle compute(
      List<byte[]> orderRows,
      List<byte[]> statusRows,
      List<byte[]> consumerRows,
      List<byte[]> restaurantRows) {
    return compute(TrustedInputs.KEY, orderRows, statusRows, consumerRows, restaurantRows);
  }

  static TrustedOracle compute(
      byte[] key,
      List<byte[]> orderRows,
      List<byte[]> statusRows,
      List<byte[]> consumerRows,
      List<byte[]> restaurantRows) {
    TrustedOracle oracle = new TrustedOracle();
    RawRowCodec orderCodec = new RawRowCodec(Dataset.ORDER.contract());
    Map<String, List<RawRow>> copies = new TreeMap<>();
    for (byte[] bytes : orderRows) {
      RawRow copy = orderCodec.decode(bytes);
      String id = (String) copy.values()[Dataset.ORDER.fieldNames().indexOf("order_id")];
      List<RawRow> known = copies.computeIfAbsent(id, k -> new ArrayList<>());
      RawRow same =
          known.stream()
              .filter(k -> Arrays.equals(k.values(), copy.values()))
              .findFirst()
              .orElse(null);
      if (same == null) {
        known.add(copy);
      } else if (copy.lineage().offset() < same.lineage().offset()) {
        known.set(known.indexOf(same), copy);
      }
    }
    Map<String, Set<StatusEvent>> events = new HashMap<>();
    RawRowCodec statusCodec = new RawRowCodec(Dataset.ORDER_STATUS.contract());
    List<String> statusFields = Dataset.ORDER_STATUS.fieldNames();
    for (byte[] bytes : statusRows) {
      Object[] v = statusCodec.decode(bytes).values();
      events
          .computeIfAbsent((String) v[statusFields.indexOf("order_id")], k -> new LinkedHashSet<>())
          .add(
              new StatusEvent(
                  (String) v[statusFields.indexOf("status_id")],
                  OrderStatus.valueOf((String) v[statusFields.indexOf("value")]),
                  (OffsetDateTime) v[statusFields.indexOf("created_at")]));
    }
    Map<String, RawRow> consumers = latest(Dataset.CONSUMER, consumerRows);
    Map<String, RawRow> restaurants = latest(Dataset.RESTAURANT, restaurantRows);
    TrustedRows rows = new TrustedRows(new Pseudonymizer(key));
    for (Map.Entry<String, Set<StatusEvent>> entry : events.entrySet()) {
      Map<String, Object> status =
          TrustedRows.status(entry.getKey(), StatusTimeline.of(entry.getValue()));
      oracle.statuses.put(entry.getKey(), List.of(status));
    }
    for (Map.Entry<String, List<RawRow>> entry : copies.entrySet()) {
      String orderId = entry.getKey();
      Set<StatusEvent> orderEvents = events.getOrDefault(orderId, Set.of());
      StatusTimeline timeline = StatusTimeline.of(orderEvents);
      DuplicateOrders.Resolution<RawRow> resolution =
          rows.chooseCopy(entry.getValue(), timeline, orderEvents);
      RawRow chosen = resolution.chosen();
      Integer itemCount = null;
      if (OrderItems.parse(rows.itemsJson(chosen)) instanceof OrderItems.Parsed parsed) {
        itemCount = parsed.items().size();
        TrustedRows.ItemRows itemRows = rows.items(orderId, rows.localDate(chosen), parsed.items());
        if (!itemRows.items().isEmpty()) {
          oracle.items.put(orderId, itemRows.items());
        }
        if (!itemRows.garnishes().isEmpty()) {
          oracle.garnishes.put(orderId, itemRows.garnishes());
        }
      }
      String customerId = (String) rows.orderField(chosen, "customer_id");
      oracle.orders.put(
          orderId,
          List.of(
              rows.order(
                  resolution,
                  timeline,
                  customerId == null ? null : consumers.get(customerId),
                  restaurants.get((String) rows.orderField(chosen, "merchant_id")),
                  itemCount)));
    }
    return oracle;
  }

  private static Map<String, RawRow> latest(Dataset dataset, List<byte[]> encoded) {
    RawRowCodec codec = new RawRowCodec(dataset.contract());
    int key = dataset.fieldNames().indexOf(dataset.keyField());
    Map<String, RawRow> chosen = new HashMap<>();
    for (byte[] bytes : encoded) {
      RawRow row = codec.decode(bytes);
      chosen.merge(
          (String) row.values()[key],
          row,
          (current, candidate) ->
              Arrays.equals(current.values(), candidate.values())
                      || DimensionChoice.keepsCurrent(dataset, current, candidate)
                  ? current
                  : candidate);
    }
    return chosen;
  }

  /**
   * Sorts a copy's rows the way the stage emits them (items by position, garnishes by item then
   * position).
   */
  static Comparator<Map<String, Object>> emissionOrder() {
    return Comparator.comparing(
            (Map<String, Object> r) -> (Integer) r.getOrDefault("item_position", 0))
        .thenComparing(r -> (Integer) r.getOrDefault("garnish_position", 0));
  }
}
