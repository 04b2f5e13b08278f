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

  /**
   * Records when the order was rebuilt (what {@code trusted.state-retention} counts from), in the
   * order {@link #rebuiltBefore} reads; {@code previous} is the time recorded before, or null.
   */
  void putRebuiltAt(String orderId, long millis, Long previous);

  /** Up to {@code limit} orders last rebuilt before {@code millis}, the longest unchanged first. */
  List<String> rebuiltBefore(long millis, int limit);

  /**
   * Forgets an order's state, copies and rebuild time ({@code rebuiltAt}, as recorded), and keeps
   * only {@code remains} under its id ({@link #dropped}); its entries in the consumer and
   * restaurant indexes stay.
   */
  void dropOrder(String orderId, long rebuiltAt, byte[] remains);

  /** Whether any order was dropped and not taken back since. */
  boolean anyDropped();

  /** Forgets that the order was dropped: it was taken back from the lake. */
  void forgetDropped(String orderId);

  /** What a dropped order left ({@link #dropOrder}); null when it was not dropped. */
  byte[] dropped(String orderId);

  /** The events of an order that wait for the order to be found in the lake, or null. */
  byte[] parked(String orderId);

  void putParked(String orderId, byte[] events);

  void deleteParked(String orderId);

  /** Up to {@code limit} of the orders whose events wait for the lake. */
  List<String> parkedOrders(int limit);
}
