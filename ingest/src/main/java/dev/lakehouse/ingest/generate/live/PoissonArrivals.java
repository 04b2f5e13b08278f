package dev.lakehouse.ingest.generate.live;

import java.util.SplittableRandom;

/**
 * The arrival times of a Poisson process: exponential gaps with mean {@code 1 / perSecond}, kept in
 * nanoseconds so that rates above 1,000 per second keep their spread, read in epoch millis.
 */
final class PoissonArrivals {
  private final double meanGapNanos;
  private final long startMillis;
  private final SplittableRandom random;
  private long nanosSinceStart;

  PoissonArrivals(double perSecond, long startMillis, SplittableRandom random) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be above 0, got " + perSecond);
    }
    this.meanGapNanos = 1e9 / perSecond;
    this.startMillis = startMillis;
    this.random = random;
    advance();
  }

  /** The epoch millis of the next arrival. */
  long nextMillis() {
    return startMillis + nanosSinceStart / 1_000_000;
  }

  /** Moves on to the arrival after the next one. */
  void advance() {
    nanosSinceStart += (long) (-Math.log(1.0 - random.nextDouble()) * meanGapNanos);
  }
}
