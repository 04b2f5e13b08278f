package dev.lakehouse.ingest.generate.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Waits for a moment of a clock. Tests pass one that moves a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Returns once the clock reads {@code moment} or later (at once when it already does). */
  void sleepUntil(Instant moment) throws InterruptedException;

  /**
   * Sleeps the thread ({@link Thread#sleep}) until {@code clock} reads the moment, rounding waits
   * up to whole milliseconds.
   */
  static Sleeper threadSleeping(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return moment -> {
      long nanos;
      while ((nanos = Duration.between(clock.instant(), moment).toNanos()) > 0) {
        Thread.sleep((nanos + 999_999) / 1_000_000);
      }
    };
  }
}
