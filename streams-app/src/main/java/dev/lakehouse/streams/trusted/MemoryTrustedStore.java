package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A {@link TrustedStore} in maps: for the core's tests and its micro-benchmark. */
public final class MemoryTrustedStore implements TrustedStore {
  private final Map<String, byte[]> states = new HashMap<>();
  private final Map<String, byte[]> copies = new HashMap<>();
  private final Map<String, byte[]> dimensions = new HashMap<>();
  private final Map<String, NavigableSet<String>> index = new HashMap<>();
  private final Map<String, Long> pending = new LinkedHashMap<>();
  private final Map<String, byte[]> sweeps = new LinkedHashMap<>();
  private byte[] counters;
  private final NavigableSet<String> byRebuiltAt = new TreeSet<>();
  private final Map<String, byte[]> parked = new java.util.TreeMap<>();
  private final Map<String, byte[]> dropped = new HashMap<>();

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
  public void putOrderCopies(String orderId, byte[] copies) {
    this.copies.put(orderId, copies);
  }

  @Override
  public byte[] dimension(Dataset dataset, String id) {
    return dimensions.get(dataset.ordinal() + ":" + id);
  }

  @Override
  public void putDimension(Dataset dataset, String id, byte[] row) {
    dimensions.put(dataset.ordinal() + ":" + id, row);
  }

  @Override
  public void indexOrder(Dataset dataset, String dimensionId, String orderId) {
    index.computeIfAbsent(dataset.ordinal() + ":" + dimensionId, k -> new TreeSet<>()).add(orderId);
  }

  @Override
  public List<String> ordersOf(
      Dataset dataset, String dimensionId, String afterOrderId, int limit) {
    NavigableSet<String> orders = index.get(dataset.ordinal() + ":" + dimensionId);
    List<String> result = new ArrayList<>();
    if (orders == null) {
      return result;
    }
    for (String orderId : afterOrderId == null ? orders : orders.tailSet(afterOrderId, false)) {
      if (result.size() == limit) {
        break;
      }
      result.add(orderId);
    }
    return result;
  }

  @Override
  public Map<String, Long> pending() {
    return new LinkedHashMap<>(pending);
  }

  @Override
  public void putPending(String orderId, long causeMillis) {
    pending.put(orderId, causeMillis);
  }

  @Override
  public void deletePending(String orderId) {
    pending.remove(orderId);
  }

  @Override
  public Map<String, byte[]> sweeps() {
    return new LinkedHashMap<>(sweeps);
  }

  @Override
  public void putSweep(String key, byte[] sweep) {
    sweeps.put(key, sweep);
  }

  @Override
  public void deleteSweep(String key) {
    sweeps.remove(key);
  }

  @Override
  public byte[] counters() {
    return counters;
  }

  @Override
  public void putCounters(byte[] counters) {
    this.counters = counters;
  }

  @Override
  public void putRebuiltAt(String orderId, long millis, Long previous) {
    if (previous != null) {
      byRebuiltAt.remove(indexKey(previous, orderId));
    }
    byRebuiltAt.add(indexKey(millis, orderId));
  }

  @Override
  public List<String> rebuiltBefore(long millis, int limit) {
    List<String> result = new ArrayList<>();
    for (String key : byRebuiltAt) {
      if (result.size() == limit || Long.parseUnsignedLong(key.substring(0, 16), 16) >= millis) {
        break;
      }
      result.add(key.substring(17));
    }
    return result;
  }

  @Override
  public void dropOrder(String orderId, long rebuiltAt, byte[] remains) {
    byRebuiltAt.remove(indexKey(rebuiltAt, orderId));
    states.remove(orderId);
    copies.remove(orderId);
    dropped.put(orderId, remains);
  }

  @Override
  public boolean anyDropped() {
    return !dropped.isEmpty();
  }

  @Override
  public byte[] dropped(String orderId) {
    return dropped.get(orderId);
  }

  @Override
  public void forgetDropped(String orderId) {
    dropped.remove(orderId);
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
    parked.remove(orderId);
  }

  @Override
  public List<String> parkedOrders(int limit) {
    return parked.keySet().stream().limit(limit).toList();
  }

  /** Whether the store holds anything of the order: its state, copies or rebuild time. */
  public boolean holds(String orderId) {
    return states.containsKey(orderId)
        || copies.containsKey(orderId)
        || byRebuiltAt.stream().anyMatch(key -> key.endsWith('\u0000' + orderId));
  }

  /** Whether any consumer or restaurant index still names the order. */
  public boolean indexes(String orderId) {
    return index.values().stream().anyMatch(orders -> orders.contains(orderId));
  }

  private static String indexKey(long millis, String orderId) {
    return String.format("%016x", millis) + '\u0000' + orderId;
  }
}
