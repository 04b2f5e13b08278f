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
}
