package dev.lakehouse.streams.writer;

import dev.lakehouse.common.settings.StreamsSettings;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the writer commits its open batch, with no I/O. A batch is committed when it reaches the
 * buffer budget, or when it is one commit interval old, unless the writer is catching up: then it
 * grows up to {@code catchUpIntervals} intervals, so that a backlog is written in fewer, larger
 * files and snapshots. Records of a backlog are late whatever the writer does; under a load it
 * keeps up with, the writer never catches up and commits every interval.
 */
public record CommitPolicy(Duration interval, long bufferBudgetBytes, int catchUpIntervals) {

  public CommitPolicy {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the commit interval must be positive, was " + interval);
    }
    if (bufferBudgetBytes <= 0 || catchUpIntervals < 1) {
      throw new IllegalArgumentException(
          "the buffer budget must be positive and the catch-up intervals at least 1, were "
              + bufferBudgetBytes
              + " and "
              + catchUpIntervals);
    }
  }

  public static CommitPolicy of(StreamsSettings settings) {
    return new CommitPolicy(
        settings.commitInterval(), settings.bufferBudgetBytes(), settings.catchUpIntervals());
  }

  /**
   * @param bufferedBytes the bytes of the records the batch holds
   * @param ageNanos how long the batch has been open
   * @param records how many records the batch holds
   * @param waiting the records still waiting in the writer's partitions; asked only when the answer
   *     depends on it
   */
  public boolean commitDue(long bufferedBytes, long ageNanos, long records, LongSupplier waiting) {
    if (bufferedBytes >= bufferBudgetBytes) {
      return true;
    }
    long intervalNanos = interval.toNanos();
    if (ageNanos < intervalNanos) {
      return false;
    }
    return ageNanos >= intervalNanos * catchUpIntervals
        || !catchingUp(ageNanos, records, waiting.getAsLong());
  }

  /**
   * Whether the records still waiting are more than one interval of writing at the batch's pace (a
   * batch that holds nothing sets no pace).
   */
  public boolean catchingUp(long ageNanos, long records, long waiting) {
    if (records == 0) {
      return false;
    }
    return (double) waiting * ageNanos > (double) records * interval.toNanos();
  }
}
