package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import java.util.List;
import java.util.Map;

/**
 * What the trusted core keeps, as bytes by key: the port between {@link TrustedCore} (no I/O) and
 * where the bytes live. The Streams processor implements it on its state stores ({@link
 * StreamsTrustedStore}); tests and the micro-benchmark on maps ({@link MemoryTrustedStore}).
 */
public interface TrustedStore {
  /** An order's {@link OrderState}, or null. */
  byte[] orderState(String orderId);

  void putOrderState(String orderId, byte[] state);

  /** An order's {@link OrderCopies}, or null. */
  byte[] orderCopies(String orderId);

  void putOrderCopies(String orderId, byte[] copies);

  /** The raw row kept for a consumer or restaurant id, or null. */
  byte[] dimension(Dataset dataset, String id);

  void putDimension(Dataset dataset, String id, byte[] row);

  /** Remembers that {@code orderId} refers to the consumer or restaurant {@code dimensionId}. */
  void indexOrder(Dataset dataset, String dimensionId, String orderId);

  /**
   * Up to {@code limit} of the orders that refer to {@code dimensionId}, in order id order, after
   * {@code afterOrderId} (exclusive; null: from the first).
   */
  List<String> ordersOf(Dataset dataset, String dimensionId, String afterOrderId, int limit);

  /** Orders changed and not emitted yet, with the timestamp of their oldest change. */
  Map<String, Long> pending();

  void putPending(String orderId, long causeMillis);

  void deletePending(String orderId);

  /** Dimension changes whose orders are not all rebuilt yet ({@link DimensionSweep}), by key. */
  Map<String, byte[]> sweeps();

  void putSweep(String key, byte[] sweep);

  void deleteSweep(String key);

  /** The task's {@link QualityCounters}, or null. */
  byte[] counters();

  void putCounters(byte[] counters);
}
