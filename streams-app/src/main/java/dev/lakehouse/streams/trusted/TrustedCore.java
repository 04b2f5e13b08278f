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
  private static final long HOUR = 3_600_000;

  private final TrustedStore store;
  private final TrustedRows rows;
  private final OrderRebuild rebuild;
  private final OrderRebuild.RebuildClock rebuildClock;
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

  /** How long an order's state is kept after its last rebuild; 0: forever. */
  private final long retentionMillis;

  /** Whether events may be waiting for the lake: when not, no event looks for them. */
  private boolean anyParked;

  /** Whether the task ever dropped an order: until it has, no event looks for dropped ones. */
  private boolean droppedAny;

  private long droppedOrders;
  private long fromLake;

  /** Orders changed since the last emission, with the timestamp of the oldest change. */
  private final Map<String, Long> pending;

  /** Dimension changes whose orders are not all rebuilt yet, in the order they came. */
  private final Map<String, DimensionSweep> sweeps = new LinkedHashMap<>();

  /**
   * @param fanOutPerEmission how many orders of changed consumers and restaurants one emission
   *     rebuilds at most
   */
  public TrustedCore(byte[] pseudonymKey, TrustedStore store, int fanOutPerEmission) {
    this(pseudonymKey, store, fanOutPerEmission, 0);
  }

  /**
   * @param retentionMillis how long an order's state is kept after the order was last rebuilt
   *     ({@code trusted.state-retention}); 0 keeps every order forever
   */
  public TrustedCore(
      byte[] pseudonymKey, TrustedStore store, int fanOutPerEmission, long retentionMillis) {
    if (retentionMillis < 0) {
      throw new IllegalArgumentException("retentionMillis must not be negative");
    }
    this.retentionMillis = retentionMillis;
    if (fanOutPerEmission < 1) {
      throw new IllegalArgumentException("fanOutPerEmission must be at least 1");
    }
    this.store = store;
    this.rows = new TrustedRows(new Pseudonymizer(pseudonymKey));
    this.counters = QualityCounters.fromBytes(store.counters());
    this.rebuild = new OrderRebuild(store, rows, counters);
    this.rebuildClock = retentionMillis == 0 ? null : this::rebuilt;
    this.fanOutPerEmission = fanOutPerEmission;
    this.pending = new LinkedHashMap<>(store.pending());
    store.sweeps().values().stream()
        .map(DimensionSweep::fromBytes)
        .forEach(sweep -> sweeps.put(sweep.key(), sweep));
    this.anyParked = !store.parkedOrders(1).isEmpty();
    this.droppedAny = retentionMillis > 0 && store.anyDropped();
  }

  QualityCounters counters() {
    return counters;
  }

  /** How many orders wait for their next versions, and how many dimension changes for theirs. */
  public record Backlog(int pendingOrders, int sweeps) {}

  /**
   * What the retention did since this core started: orders dropped, and orders taken back from the
   * lake for an event that came after their drop.
   */
  public record RetentionCounts(long dropped, long fromLake) {}

  public RetentionCounts retentionCounts() {
    return new RetentionCounts(droppedOrders, fromLake);
  }

  public Backlog backlog() {
    return new Backlog(pending.size(), sweeps.size());
  }

  /** A copy of an order from {@code raw.rows.order}; returns the order it changed. */
  public Optional<String> onOrderCopy(byte[] encoded, long timestampMillis) {
    counters.add(QualityCounters.Metric.ORDER_RECORDS_IN, 1);
    RawRow copy = orders.decode(encoded);
    String orderId = (String) rows.orderField(copy, "order_id");
    if (parks(orderId)) {
      return done(park(orderId, ParkedEvents.Kind.ORDER_COPY, encoded, timestampMillis));
    }
    addCopy(orderId, copy, encoded);
    return changed(orderId, timestampMillis);
  }

  /** Keeps a copy of an order, once; the first source position wins among equal copies. */
  private void addCopy(String orderId, RawRow copy, byte[] encoded) {
    OrderCopies copies = OrderCopies.fromBytes(store.orderCopies(orderId));
    for (int i = 0; i < copies.encoded.size(); i++) {
      RawRow known = orders.decode(copies.encoded.get(i));
      if (Arrays.equals(known.values(), copy.values())) {
        if (compareLineage(copy, known) < 0) {
          // the same copy seen twice: keep the first source position, whatever arrived first
          copies.encoded.set(i, encoded);
          store.putOrderCopies(orderId, copies.toBytes());
        }
        return;
      }
    }
    copies.encoded.add(encoded);
    store.putOrderCopies(orderId, copies.toBytes());
    String customerId = (String) rows.orderField(copy, "customer_id");
    if (customerId != null) {
      store.indexOrder(Dataset.CONSUMER, customerId, orderId);
    }
    store.indexOrder(Dataset.RESTAURANT, (String) rows.orderField(copy, "merchant_id"), orderId);
  }

  /** A status event from {@code raw.rows.order_status}; returns its order if it was new. */
  public Optional<String> onStatus(byte[] encoded, long timestampMillis) {
    counters.add(QualityCounters.Metric.STATUS_RECORDS_IN, 1);
    Object[] values = statuses.decode(encoded).values();
    String orderId = (String) values[statusOrderField];
    if (parks(orderId)) {
      return done(park(orderId, ParkedEvents.Kind.STATUS, encoded, timestampMillis));
    }
    return addStatus(orderId, values, timestampMillis);
  }

  private Optional<String> addStatus(String orderId, Object[] values, long timestampMillis) {
    StatusEvent event = statusEvent(values);
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
    int dropped = dropExpired(nowMillis);
    if (pending.isEmpty() && sweeps.isEmpty()) {
      if (dropped > 0) {
        store.putCounters(counters.toBytes());
      }
      return List.of();
    }
    List<TrustedEmission> out = new ArrayList<>();
    for (Map.Entry<String, Long> entry : pending.entrySet()) {
      rebuild.rebuild(entry.getKey(), entry.getValue(), nowMillis, out, rebuildClock);
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
        if (droppedAny && store.dropped(orderId) != null && unknown(orderId)) {
          // a dropped order sees the change once it is back from the lake
          park(orderId, ParkedEvents.Kind.REBUILD, new byte[0], sweep.causeMillis());
        } else {
          rebuild.rebuild(orderId, sweep.causeMillis(), nowMillis, out, rebuildClock);
        }
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

  /**
   * The orders whose events wait for the lake, at most {@code limit}: the shell looks each up
   * ({@link OrderArchive}) and hands it to {@link #rehydrate}.
   */
  public List<String> archiveRequests(int limit) {
    if (!anyParked) {
      return List.of();
    }
    List<String> due = store.parkedOrders(limit);
    anyParked = !due.isEmpty();
    return due;
  }

  /**
   * Takes an order back from the lake, then applies the events that waited for it. The order's
   * inputs become its state again, with the quality flags it was counted with when it was dropped
   * (so the counters count it once). Its versions continue from the lake's, and its next emission
   * gives every row of it again, with the waiting events and the current consumer and restaurant.
   * An order the lake holds no row of (its trusted tables were lost or rebuilt) just gets its
   * events.
   */
  public void rehydrate(String orderId, OrderArchive.Archived archived, long nowMillis) {
    ParkedEvents waiting = ParkedEvents.fromBytes(store.parked(orderId));
    if (archived.emitted() && unknown(orderId)) {
      // the lake holds each waiting event too, once, when it landed before the lookup: those are
      // applied after, as the change they are (a record read twice has the same lineage)
      Map<RawRow, Integer> waitingRows = new java.util.HashMap<>();
      for (ParkedEvents.Event event : waiting.events) {
        if (event.kind() != ParkedEvents.Kind.REBUILD) {
          RawRow row =
              event.kind() == ParkedEvents.Kind.ORDER_COPY
                  ? orders.decode(event.encoded())
                  : statuses.decode(event.encoded());
          waitingRows.merge(row, 1, Integer::sum);
        }
      }
      for (byte[] copy : archived.copies()) {
        RawRow row = orders.decode(copy);
        if (!takeOne(waitingRows, row)) {
          addCopy(orderId, row, copy);
        }
      }
      OrderState state = OrderState.fromBytes(store.orderState(orderId));
      for (byte[] status : archived.statuses()) {
        RawRow row = statuses.decode(status);
        if (!takeOne(waitingRows, row)) {
          state.addEvent(statusEvent(row.values()));
        }
      }
      // what the task counted for the order, and the items string it sent to the dead letters,
      // are as it dropped them; its versions continue from the lake's. The lake's rows may predate
      // a change of the order's consumer or restaurant: every row is emitted again, at the next
      // versions, with what the task holds now
      DroppedOrder remains = DroppedOrder.fromBytes(store.dropped(orderId));
      state.qualityFlags = remains.qualityFlags();
      state.rejectedItemsHash = remains.rejectedItemsHash();
      state.orderVersion = archived.orderVersion();
      state.itemsVersion = archived.itemsVersion();
      state.statusVersion = archived.statusVersion();
      store.putOrderState(orderId, state.toBytes());
      changed(
          orderId, waiting.events.isEmpty() ? nowMillis : waiting.events.get(0).timestampMillis());
      fromLake++;
    }
    apply(orderId, waiting);
    store.forgetDropped(orderId);
    store.deleteParked(orderId);
    anyParked = !store.parkedOrders(1).isEmpty();
    store.putCounters(counters.toBytes());
  }

  /** Takes one {@code row} out of a multiset; whether there was one. */
  private static boolean takeOne(Map<RawRow, Integer> rows, RawRow row) {
    Integer count = rows.get(row);
    if (count == null) {
      return false;
    }
    if (count == 1) {
      rows.remove(row);
    } else {
      rows.put(row, count - 1);
    }
    return true;
  }

  /**
   * Whether an event for {@code orderId} must wait for the lake: events of the order wait already,
   * or the task holds nothing of it and dropped it ({@link TrustedStore#dropped}). Any other event,
   * however old, is of an order the task holds or never had.
   */
  private boolean parks(String orderId) {
    if (!droppedAny) {
      return false;
    }
    if (anyParked && store.parked(orderId) != null) {
      return true;
    }
    return store.dropped(orderId) != null && unknown(orderId);
  }

  /** Applies events that waited, as the changes they are. */
  private void apply(String orderId, ParkedEvents waiting) {
    for (ParkedEvents.Event event : waiting.events) {
      if (event.kind() == ParkedEvents.Kind.ORDER_COPY) {
        RawRow copy = orders.decode(event.encoded());
        addCopy(orderId, copy, event.encoded());
        changed(orderId, event.timestampMillis());
      } else if (event.kind() == ParkedEvents.Kind.REBUILD) {
        changed(orderId, event.timestampMillis());
      } else {
        addStatus(orderId, statuses.decode(event.encoded()).values(), event.timestampMillis());
      }
    }
  }

  private Optional<String> park(
      String orderId, ParkedEvents.Kind kind, byte[] encoded, long timestampMillis) {
    ParkedEvents waiting = ParkedEvents.fromBytes(store.parked(orderId));
    waiting.events.add(new ParkedEvents.Event(kind, encoded, timestampMillis));
    store.putParked(orderId, waiting.toBytes());
    anyParked = true;
    return Optional.empty();
  }

  private boolean unknown(String orderId) {
    return store.orderState(orderId) == null && store.orderCopies(orderId) == null;
  }

  /**
   * Records the rebuild of an order that has its copy for the retention, to the hour: an order
   * rebuilt again within the hour keeps the time it has. An order of statuses alone is never
   * dropped: its copy may still come, with any {@code order_created_at}, and must find the
   * statuses.
   */
  private long rebuilt(String orderId, long recordedBefore, long nowMillis) {
    if (recordedBefore != 0 && recordedBefore / HOUR == nowMillis / HOUR) {
      return recordedBefore;
    }
    store.putRebuiltAt(orderId, nowMillis, recordedBefore == 0 ? null : recordedBefore);
    return nowMillis;
  }

  /**
   * Drops, at most {@code fanOutPerEmission} at a time, the orders not rebuilt for longer than the
   * retention: their state and copies. Their ids stay, in the dropped set and in the consumer and
   * restaurant indexes, so that a later event of one of them, or a change of its consumer or
   * restaurant, waits for the lake.
   */
  private int dropExpired(long nowMillis) {
    if (retentionMillis == 0) {
      return 0;
    }
    List<String> expired = store.rebuiltBefore(nowMillis - retentionMillis, fanOutPerEmission);
    int dropped = 0;
    for (String orderId : expired) {
      if (pending.containsKey(orderId)) {
        continue;
      }
      OrderState state = OrderState.fromBytes(store.orderState(orderId));
      store.dropOrder(orderId, state.rebuiltAt, DroppedOrder.of(state));
      droppedAny = true;
      droppedOrders++;
      dropped++;
    }
    return dropped;
  }

  private StatusEvent statusEvent(Object[] values) {
    String statusId = (String) values[statusIdField];
    return new StatusEvent(
        statusId == null ? "" : statusId,
        StatusEvent.OrderStatus.valueOf((String) values[statusValueField]),
        (OffsetDateTime) values[statusTimeField]);
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
