package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Records waiting for their moment: taken earliest first, and in the order they were added when due
 * at the same millisecond, so a run is reproducible. Not thread safe.
 */
final class EmissionQueue {
  /** One record due at {@code dueMillis} (epoch millis); {@code sequence} breaks ties. */
  record Emission(long dueMillis, long sequence, Dataset dataset, String key, byte[] value) {}

  private final PriorityQueue<Emission> queue =
      new PriorityQueue<>(
          Comparator.comparingLong(Emission::dueMillis).thenComparingLong(Emission::sequence));
  private long added;

  void add(long dueMillis, Dataset dataset, String key, byte[] value) {
    queue.add(new Emission(dueMillis, added++, dataset, key, value));
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /** The due time of the earliest record; {@link Long#MAX_VALUE} when none waits. */
  long nextDueMillis() {
    Emission next = queue.peek();
    return next == null ? Long.MAX_VALUE : next.dueMillis();
  }

  /** Removes and returns the earliest record, or null. */
  Emission poll() {
    return queue.poll();
  }
}
