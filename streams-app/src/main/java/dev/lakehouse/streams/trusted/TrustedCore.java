package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.raw.RawRowCodec.RawRow;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trusted stage of one task with no Kafka types: a change in (an order copy, a status event, a
 * consumer or restaurant row), the affected orders out, and at every {@link #emitDue} their new
 * versions ({@link OrderRebuild}). So the result depends on what arrived, never on the order it
 * arrived in, nor on how changes were grouped into emissions.
 *
 * <p>Work per emission is bounded: the orders changed by records since the last emission are all
 * rebuilt (as many as the records read), but the orders a changed consumer or restaurant touches
 * are rebuilt {@code fanOutPerEmission} at a time ({@link DimensionSweep}), so one large merchant
 * spreads over several emissions and transactions instead of one that outlives the transaction
 * timeout.
 */
public final class TrustedCore {
  private final TrustedStore store;
  private final TrustedRows rows;
  private final OrderRebuild rebuild;
  private final QualityCounters counters;
  private final int fanOutPerEmission;
  private final RawRowCodec orders = new RawRowCodec(Dataset.ORDER.contract());
  private final RawRowCodec statuses = new RawRowCodec(Dataset.ORDER_STATUS.contract());
  private final RawRowCodec consumers = new RawRowCodec(Dataset.CONSUMER.contract());
  private final RawRowCodec restaurants = new RawRowCodec(Dataset.RESTAURANT.contract());
  private final int statusIdField = Dataset.ORDER_STATUS.fieldNames().indexOf("status_id");
  private final int statusValueField = Dataset.ORDER_STATUS.fieldNames().indexOf("value");
  private final int statusTimeField = Dataset.ORDER_STATUS.fieldNames().indexOf("created_at");
  private final int statusOrderField = Dataset.ORDER_STATUS.fieldNames().indexOf("order_id");

  /** Orders changed since the last emission, with the timestamp of the oldest change. */
  private final Map<String, Long> pending;

  /** Dimension changes whose orders are not all rebuilt yet, in the order they came. */
  private final Map<String, DimensionSweep> sweeps = new LinkedHashMap<>();

  /**
   * @param fanOutPerEmission how many orders of changed consumers and restaurants one emission
   *     rebuilds at most
   */
  public TrustedCore(byte[] pseudonymKey, TrustedStore store, int fanOutPerEmission) {
    if (fanOutPerEmission < 1) {
      throw new IllegalArgumentException("fanOutPerEmission must be at least 1");
    }
    this.store = store;
    this.rows = new TrustedRows(new Pseudonymizer(pseudonymKey));
    this.counters = QualityCounters.fromBytes(store.counters());
    this.rebuild = new OrderRebuild(store, rows, counters);
    this.fanOutPerEmission = fanOutPerEmission;
    this.pending = new LinkedHashMap<>(store.pending());
    store.sweeps().values().stream()
        .map(DimensionSweep::fromBytes)
        .forEach(sweep -> sweeps.put(sweep.key(), sweep));
  }

  QualityCounters counters() {
    return counters;
  }

  /** How many orders wait for their next versions, and how many dimension changes for theirs. */
  public record Backlog(int pendingOrders, int sweeps) {}

  public Backlog backlog() {
    return new Backlog(pending.size(), sweeps.size());
  }

  /** A copy of an order from {@code raw.rows.order}; returns the order it changed. */
  public Optional<String> onOrderCopy(byte[] encoded, long timestampMillis) {
    counters.add(QualityCounters.Metric.ORDER_RECORDS_IN, 1);
    RawRow copy = orders.decode(encoded);
    String orderId = (String) rows.orderField(copy, "order_id");
    OrderCopies copies = OrderCopies.fromBytes(store.orderCopies(orderId));
    for (int i = 0; i < copies.encoded.size(); i++) {
      RawRow known = orders.decode(copies.encoded.get(i));
      if (Arrays.equals(known.values(), copy.values())) {
        if (compareLineage(copy, known) < 0) {
          // the same copy seen twice: keep the first source position, whatever arrived first
          copies.encoded.set(i, encoded);
          store.putOrderCopies(orderId, copies.toBytes());
        }
        return changed(orderId, timestampMillis);
      }
    }
    copies.encoded.add(encoded);
    store.putOrderCopies(orderId, copies.toBytes());
    String customerId = (String) rows.orderField(copy, "customer_id");
    if (customerId != null) {
      store.indexOrder(Dataset.CONSUMER, customerId, orderId);
    }
    store.indexOrder(Dataset.RESTAURANT, (String) rows.orderField(copy, "merchant_id"), orderId);
    return changed(orderId, timestampMillis);
  }

  /** A status event from {@code raw.rows.order_status}; returns its order if it was new. */
  public Optional<String> onStatus(byte[] encoded, long timestampMillis) {
    counters.add(QualityCounters.Metric.STATUS_RECORDS_IN, 1);
    Object[] values = statuses.decode(encoded).values();
    String orderId = (String) values[statusOrderField];
    String statusId = (String) values[statusIdField];
    StatusEvent event =
        new StatusEvent(
            statusId == null ? "" : statusId,
            StatusEvent.OrderStatus.valueOf((String) values[statusValueField]),
            (OffsetDateTime) values[statusTimeField]);
    OrderState state = OrderState.fromBytes(store.orderState(orderId));
    if (!state.addEvent(event)) {
      return done(Optional.empty());
    }
    store.putOrderState(orderId, state.toBytes());
    return changed(orderId, timestampMillis);
  }

  /**
   * A consumer or restaurant row ({@code dataset} is one of them); returns the sweep that rebuilds
   * its orders when the row changed what the stage keeps for its id. A sweep under way for the same
   * id starts over: the orders it rebuilt saw the earlier row.
   */
  public Optional<DimensionSweep> onDimension(
      Dataset dataset, byte[] rowBytes, long timestampMillis) {
    counters.add(QualityCounters.Metric.DIMENSION_RECORDS_IN, 1);
    RawRowCodec codec = dataset == Dataset.CONSUMER ? consumers : restaurants;
    RawRow row = codec.decode(rowBytes);
    String id = (String) row.values()[dataset.fieldNames().indexOf(dataset.keyField())];
    if (id == null) {
      return done(Optional.empty());
    }
    byte[] known = store.dimension(dataset, id);
    if (known != null) {
      RawRow current = codec.decode(known);
      if (Arrays.equals(current.values(), row.values())
          || DimensionChoice.keepsCurrent(dataset, current, row)) {
        return done(Optional.empty());
      }
    }
    store.putDimension(dataset, id, rowBytes);
    DimensionSweep sweep = new DimensionSweep(dataset, id, timestampMillis, null);
    sweeps.remove(sweep.key()); // a restarted sweep goes last
    sweeps.put(sweep.key(), sweep);
    store.putSweep(sweep.key(), sweep.toBytes());
    return done(Optional.of(sweep));
  }

  /**
   * Rebuilds every order changed since the last call, and up to {@code fanOutPerEmission} orders of
   * changed consumers and restaurants; returns the versions that differ, and dead letters.
   *
   * @param nowMillis the wall clock: the versions' {@code _versioned_at}
   */
  public List<TrustedEmission> emitDue(long nowMillis) {
    if (pending.isEmpty() && sweeps.isEmpty()) {
      return List.of();
    }
    List<TrustedEmission> out = new ArrayList<>();
    for (Map.Entry<String, Long> entry : pending.entrySet()) {
      rebuild.rebuild(entry.getKey(), entry.getValue(), nowMillis, out);
      store.deletePending(entry.getKey());
    }
    pending.clear();
    int budget = fanOutPerEmission;
    for (DimensionSweep sweep : List.copyOf(sweeps.values())) {
      if (budget == 0) {
        break;
      }
      List<String> affected = store.ordersOf(sweep.dataset(), sweep.id(), sweep.cursor(), budget);
      for (String orderId : affected) {
        rebuild.rebuild(orderId, sweep.causeMillis(), nowMillis, out);
      }
      budget -= affected.size();
      if (budget > 0) {
        sweeps.remove(sweep.key());
        store.deleteSweep(sweep.key());
      } else {
        DimensionSweep next = sweep.after(affected.get(affected.size() - 1));
        sweeps.put(next.key(), next);
        store.putSweep(next.key(), next.toBytes());
      }
    }
    store.putCounters(counters.toBytes());
    return out;
  }

  private Optional<String> changed(String orderId, long causeMillis) {
    Long known = pending.get(orderId);
    if (known == null || causeMillis < known) {
      pending.put(orderId, causeMillis);
      store.putPending(orderId, causeMillis);
    }
    return done(Optional.of(orderId));
  }

  /** Saves the counters with the input's effects, in the same transaction. */
  private <T> T done(T result) {
    store.putCounters(counters.toBytes());
    return result;
  }

  private static int compareLineage(RawRow a, RawRow b) {
    int topic = a.lineage().topic().compareTo(b.lineage().topic());
    if (topic != 0) {
      return topic;
    }
    int partition = Integer.compare(a.lineage().partition(), b.lineage().partition());
    return partition != 0 ? partition : Long.compare(a.lineage().offset(), b.lineage().offset());
  }
}
