package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BadLineScheduleTest {
  @Test
  void plantsTheRateSpreadOverAllKindsInEqualNumbers() {
    List<BadLineKind> kinds =
        List.of(
            BadLineKind.BROKEN_JSON,
            BadLineKind.INVALID_UTF8,
            BadLineKind.WRONG_TYPES,
            BadLineKind.MISSING_KEY);
    BadLineSchedule schedule = new BadLineSchedule(0.03, new SplittableRandom(3), kinds);
    Map<BadLineKind, Integer> counts = new EnumMap<>(BadLineKind.class);
    int lastBad = -1;
    int maxGap = 0;
    for (int line = 0; line < 100_000; line++) {
      BadLineKind kind = schedule.next();
      if (kind != null) {
        counts.merge(kind, 1, Integer::sum);
        maxGap = Math.max(maxGap, line - lastBad);
        lastBad = line;
      }
    }
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isBetween(2_999, 3_001);
    assertThat(counts).containsOnlyKeys(kinds);
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(749, 751));
    assertThat(maxGap).isLessThanOrEqualTo(2 * 34);
  }

  @Test
  void plantsNothingAtRateZero() {
    BadLineSchedule schedule =
        new BadLineSchedule(0, new SplittableRandom(3), List.of(BadLineKind.BROKEN_JSON));
    for (int line = 0; line < 10_000; line++) {
      assertThat(schedule.next()).isNull();
    }
  }

  @Test
  void canMakeEveryOtherLineBad() {
    BadLineSchedule schedule =
        new BadLineSchedule(0.5, new SplittableRandom(3), List.of(BadLineKind.MISSING_KEY));
    int bad = 0;
    for (int line = 0; line < 1_000; line++) {
      bad += schedule.next() == null ? 0 : 1;
    }
    assertThat(bad).isEqualTo(500);
  }
}
