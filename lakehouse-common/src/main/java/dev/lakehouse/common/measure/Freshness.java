package dev.lakehouse.common.measure;

import java.util.Arrays;

/**
 * How old the records of a commit were when it became visible: the median, the 99th percentile and
 * the maximum of their ages, in milliseconds (nearest rank: a value some record had).
 */
public record Freshness(long p50Millis, long p99Millis, long maxMillis) {
  public Freshness {
    if (p50Millis < 0 || p50Millis > p99Millis || p99Millis > maxMillis) {
      throw new IllegalArgumentException(
          "freshness needs 0 <= p50 <= p99 <= max: "
              + p50Millis
              + ", "
              + p99Millis
              + ", "
              + maxMillis);
    }
  }

  /** The ages' percentiles; a negative age (a clock ahead of ours) counts as 0. */
  public static Freshness of(long[] agesMillis) {
    if (agesMillis.length == 0) {
      throw new IllegalArgumentException("no ages");
    }
    long[] sorted = Arrays.stream(agesMillis).map(a -> Math.max(0, a)).sorted().toArray();
    return new Freshness(rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
  }

  private static long rank(long[] sorted, int percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
