package dev.lakehouse.streams.iceberg;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a writer waits after losing an optimistic-concurrency race on a table before it decides
 * and commits again: exponential from {@link #FIRST} to {@link #CAP}, with jitter, and no limit on
 * the number of races. Several instances and the nightly compaction commit to the same tables; a
 * fixed budget of retries would make a writer give up a batch it is still allowed to commit. The
 * jitter ("equal jitter": half the delay fixed, half random) keeps writers that lost to each other
 * from retrying in lockstep.
 */
public final class CommitBackoff {
  public static final Duration FIRST = Duration.ofMillis(100);
  public static final Duration CAP = Duration.ofSeconds(10);

  /** Waits; the real one sleeps, tests record. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration delay) throws InterruptedException;

    static Pause sleeping() {
      return delay -> Thread.sleep(delay.toMillis());
    }
  }

  private final DoubleSupplier random;

  /**
   * @param random values in [0, 1)
   */
  public CommitBackoff(DoubleSupplier random) {
    this.random = random;
  }

  public static CommitBackoff withJitter() {
    return new CommitBackoff(() -> ThreadLocalRandom.current().nextDouble());
  }

  /** The wait after the {@code lostRaces}-th race lost in a row (1 for the first). */
  public Duration delay(int lostRaces) {
    if (lostRaces < 1) {
      throw new IllegalArgumentException("lostRaces starts at 1, was " + lostRaces);
    }
    long ceiling = Math.min(CAP.toMillis(), FIRST.toMillis() << Math.min(lostRaces - 1, 20));
    long fixed = ceiling / 2;
    double r = Math.min(Math.max(random.getAsDouble(), 0), 1);
    return Duration.ofMillis(fixed + (long) (r * (ceiling - fixed)));
  }
}
