package dev.lakehouse.ingest.generate;

import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from the seed: one per (purpose, index), so an
 * order's data can be re-derived by any file writer, in any order, and always comes out the same.
 */
public final class RandomStreams {
  /** What a stream is for; each purpose draws from its own stream. */
  public enum Purpose {
    RESTAURANT,
    RESTAURANT_DETAILS,
    RESTAURANT_RANKS,
    CONSUMER,
    ORDER,
    ORDER_DETAILS,
    ORDER_STATUS,
    STATUS_SHUFFLE,
    DUPLICATE_PLACEMENT,
    BAD_LINES
  }

  private final long seed;

  public RandomStreams(long seed) {
    this.seed = seed;
  }

  /** The stream for one purpose and index; a new object each call, starting from the same state. */
  public SplittableRandom of(Purpose purpose, long index) {
    long base = mix64(seed ^ ((purpose.ordinal() + 1L) * 0x9E3779B97F4A7C15L));
    return new SplittableRandom(mix64(base + index * 0xD1B54A32D192ED03L));
  }

  /** The SplitMix64 finalizer: a bijection scattering every input bit. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
