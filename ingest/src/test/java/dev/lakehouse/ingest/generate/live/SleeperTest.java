package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SleeperTest {
  @Test
  void theThreadSleeperReturnsAtOnceForAMomentAlreadyPassed() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    long before = System.nanoTime();
    Sleeper.threadSleeping(clock).sleepUntil(clock.instant());
    Sleeper.threadSleeping(clock).sleepUntil(clock.instant().minusSeconds(5));
    assertThat(System.nanoTime() - before).isLessThan(1_000_000_000L);
  }
}
