package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@link TrustedStore} of one task on its Kafka Streams state stores (changelogged, so exactly
 * once with the task's transactions). The consumer and restaurant indexes are keys {@code
 * dimensionId NUL orderId} with empty values, read by range.
 */
final class StreamsTrustedStore implements TrustedStore {
  static final String STATE_STORE = "trusted-order-state";
  static final String COPIES_STORE = "trusted-order-copies";
  static final String CONSUMER_STORE = "trusted-consumers";
  static final String RESTAURANT_STORE = "trusted-restaurants";
  static final String BY_CUSTOMER_STORE = "trusted-orders-by-customer";
  static final String BY_MERCHANT_STORE = "trusted-orders-by-merchant";
  static final String QUALITY_STORE = "trusted-quality";
  static final String PENDING_STORE = "trusted-pending-orders";
  static final String SWEEP_STORE = "trusted-dimension-sweeps";
  static final String RETENTION_STORE = "trusted-order-retention";
  static final String PARKED_STORE = "trusted-parked-events";

  /** The stores of bytes by string key; {@link #PENDING_STORE} holds longs. */
  static final List<String> BYTE_STORES =
      List.of(
          STATE_STORE,
          COPIES_STORE,
          CONSUMER_STORE,
          RESTAURANT_STORE,
          BY_CUSTOMER_STORE,
          BY_MERCHANT_STORE,
          QUALITY_STORE,
          SWEEP_STORE,
          RETENTION_STORE,
          PARKED_STORE);

  private static final String COUNTERS_KEY = "counters";

  /**
   * In {@link #RETENTION_STORE}: {@code i<16 hex digits of the rebuild time>NUL<orderId>} orders
   * the orders by when they were last rebuilt (the time itself is in the order's state), and {@code
   * d<orderId>} holds what a dropped order left.
   */
  private static final String BY_REBUILT_AT = "i";

  private static final String DROPPED = "d";
  private static final char SEPARATOR = '\u0000';
  private static final byte[] EMPTY = new byte[0];

  private final KeyValueStore<String, byte[]> states;
  private final KeyValueStore<String, byte[]> copies;
  private final KeyValueStore<String, byte[]> consumers;
  private final KeyValueStore<String, byte[]> restaurants;
  private final KeyValueStore<String, byte[]> byCustomer;
  private final KeyValueStore<String, byte[]> byMerchant;
  private final KeyValueStore<String, byte[]> quality;
  private final KeyValueStore<String, Long> pending;
  private final KeyValueStore<String, byte[]> sweeps;
  private final KeyValueStore<String, byte[]> retention;
  private final KeyValueStore<String, byte[]> parked;

  StreamsTrustedStore(ProcessorContext<?, ?> context) {
    states = context.getStateStore(STATE_STORE);
    copies = context.getStateStore(COPIES_STORE);
    consumers = context.getStateStore(CONSUMER_STORE);
    restaurants = context.getStateStore(RESTAURANT_STORE);
    byCustomer = context.getStateStore(BY_CUSTOMER_STORE);
    byMerchant = context.getStateStore(BY_MERCHANT_STORE);
    quality = context.getStateStore(QUALITY_STORE);
    pending = context.getStateStore(PENDING_STORE);
    sweeps = context.getStateStore(SWEEP_STORE);
    retention = context.getStateStore(RETENTION_STORE);
    parked = context.getStateStore(PARKED_STORE);
  }

  @Override
  public byte[] orderState(String orderId) {
    return states.get(orderId);
  }

  @Override
  public void putOrderState(String orderId, byte[] state) {
    states.put(orderId, state);
  }

  @Override
  public byte[] orderCopies(String orderId) {
    return copies.get(orderId);
  }

  @Override
  public void putOrderCopies(String orderId, byte[] bytes) {
    copies.put(orderId, bytes);
  }

  @Override
  public byte[] dimension(Dataset dataset, String id) {
    return dimensionStore(dataset).get(id);
  }

  @Override
  public void putDimension(Dataset dataset, String id, byte[] row) {
    dimensionStore(dataset).put(id, row);
  }

  @Override
  public void indexOrder(Dataset dataset, String dimensionId, String orderId) {
    indexStore(dataset).put(dimensionId + SEPARATOR + orderId, EMPTY);
  }

  @Override
  public List<String> ordersOf(
      Dataset dataset, String dimensionId, String afterOrderId, int limit) {
    String prefix = dimensionId + SEPARATOR;
    String from = afterOrderId == null ? prefix : prefix + afterOrderId;
    // every key of this id sorts below dimensionId + U+0001 (UTF-8 order is code point order)
    String to = dimensionId + '\u0001';
    List<String> result = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = indexStore(dataset).range(from, to)) {
      while (it.hasNext() && result.size() < limit) {
        String key = it.next().key;
        if (!key.startsWith(prefix)) {
          continue;
        }
        String orderId = key.substring(prefix.length());
        if (!orderId.equals(afterOrderId)) {
          result.add(orderId);
        }
      }
    }
    return result;
  }

  @Override
  public Map<String, Long> pending() {
    Map<String, Long> all = new LinkedHashMap<>();
    try (KeyValueIterator<String, Long> it = pending.all()) {
      it.forEachRemaining(entry -> all.put(entry.key, entry.value));
    }
    return all;
  }

  @Override
  public void putPending(String orderId, long causeMillis) {
    pending.put(orderId, causeMillis);
  }

  @Override
  public void deletePending(String orderId) {
    pending.delete(orderId);
  }

  @Override
  public Map<String, byte[]> sweeps() {
    Map<String, byte[]> all = new LinkedHashMap<>();
    try (KeyValueIterator<String, byte[]> it = sweeps.all()) {
      it.forEachRemaining(entry -> all.put(entry.key, entry.value));
    }
    return all;
  }

  @Override
  public void putSweep(String key, byte[] sweep) {
    sweeps.put(key, sweep);
  }

  @Override
  public void deleteSweep(String key) {
    sweeps.delete(key);
  }

  @Override
  public byte[] counters() {
    return quality.get(COUNTERS_KEY);
  }

  @Override
  public void putCounters(byte[] counters) {
    quality.put(COUNTERS_KEY, counters);
  }

  @Override
  public void putRebuiltAt(String orderId, long millis, Long previous) {
    if (previous != null) {
      retention.delete(indexKey(previous, orderId));
    }
    retention.put(indexKey(millis, orderId), EMPTY);
  }

  @Override
  public List<String> rebuiltBefore(long millis, int limit) {
    List<String> result = new ArrayList<>();
    // the index keys sort by time: hex digits of the same width, then the order id
    try (KeyValueIterator<String, byte[]> it =
        retention.range(BY_REBUILT_AT, indexKey(Math.max(0, millis - 1), "\uffff"))) {
      while (it.hasNext() && result.size() < limit) {
        String key = it.next().key;
        if (key.startsWith(BY_REBUILT_AT)
            && Long.parseUnsignedLong(key.substring(1, 17), 16) < millis) {
          result.add(key.substring(18));
        }
      }
    }
    return result;
  }

  @Override
  public void dropOrder(String orderId, long rebuiltAt, byte[] remains) {
    retention.delete(indexKey(rebuiltAt, orderId));
    states.delete(orderId);
    copies.delete(orderId);
    retention.put(DROPPED + orderId, remains);
  }

  @Override
  public boolean anyDropped() {
    try (KeyValueIterator<String, byte[]> it = retention.range(DROPPED, DROPPED + '\uffff')) {
      return it.hasNext();
    }
  }

  @Override
  public byte[] dropped(String orderId) {
    return retention.get(DROPPED + orderId);
  }

  @Override
  public void forgetDropped(String orderId) {
    retention.delete(DROPPED + orderId);
  }

  @Override
  public byte[] parked(String orderId) {
    return parked.get(orderId);
  }

  @Override
  public void putParked(String orderId, byte[] events) {
    parked.put(orderId, events);
  }

  @Override
  public void deleteParked(String orderId) {
    parked.delete(orderId);
  }

  @Override
  public List<String> parkedOrders(int limit) {
    List<String> result = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = parked.all()) {
      while (it.hasNext() && result.size() < limit) {
        result.add(it.next().key);
      }
    }
    return result;
  }

  private static String indexKey(long millis, String orderId) {
    return BY_REBUILT_AT + String.format("%016x", millis) + SEPARATOR + orderId;
  }

  private KeyValueStore<String, byte[]> dimensionStore(Dataset dataset) {
    return dataset == Dataset.CONSUMER ? consumers : restaurants;
  }

  private KeyValueStore<String, byte[]> indexStore(Dataset dataset) {
    return dataset == Dataset.CONSUMER ? byCustomer : byMerchant;
  }
}
