package dev.lakehouse.ingest.generate.live;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when the stream sleeps, and the sleeper that moves it: nothing sleeps for
 * real. Optionally stops a stream instead of moving past a horizon. One thread.
 */
final class FakeTime extends Clock implements Sleeper {
  private long millis;
  private long sleeps;
  private long horizonMillis = Long.MAX_VALUE;
  private LiveOrderStream stopAtHorizon;

  FakeTime(Instant start) {
    this.millis = start.toEpochMilli();
  }

  /** Instead of sleeping past {@code horizon}, moves the clock to it and stops {@code stream}. */
  FakeTime stopAt(Instant horizon, LiveOrderStream stream) {
    this.horizonMillis = horizon.toEpochMilli();
    this.stopAtHorizon = stream;
    return this;
  }

  @Override
  public void sleepUntil(Instant moment) {
    long target = moment.toEpochMilli();
    if (target <= millis) {
      throw new AssertionError(
          "asked to sleep until " + moment + ", which is not after " + instant());
    }
    sleeps++;
    if (target > horizonMillis && stopAtHorizon != null) {
      millis = Math.max(millis, horizonMillis);
      stopAtHorizon.stop();
      return;
    }
    millis = target;
  }

  long sleeps() {
    return sleeps;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a fake UTC clock");
  }
}
