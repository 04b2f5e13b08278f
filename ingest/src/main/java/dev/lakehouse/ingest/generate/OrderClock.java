package dev.lakehouse.ingest.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.util.SplittableRandom;

/**
 * When orders are placed: a day of January 2019 and a local time of day around lunch and dinner,
 * with a good share late in the evening and just after midnight, so the restaurant's local date
 * often differs from the UTC date (23:30 in Manaus is 03:30 the next day in UTC).
 */
final class OrderClock {
  static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);
  static final int DAYS = 31;
  private static final long FIRST_EPOCH_DAY = FIRST_DAY.toEpochDay();

  private OrderClock() {}

  /**
   * The UTC epoch millis (whole seconds) of an order placed at a random local time in {@code
   * rules}' zone.
   */
  static long createdAtMillis(SplittableRandom random, ZoneRules rules) {
    int day = random.nextInt(DAYS);
    long localSeconds = (FIRST_EPOCH_DAY + day) * 86_400L + secondOfDay(random);
    int offset = rules.getOffset(Instant.ofEpochSecond(localSeconds)).getTotalSeconds();
    long utcSeconds = localSeconds - offset;
    int checked = rules.getOffset(Instant.ofEpochSecond(utcSeconds)).getTotalSeconds();
    if (checked != offset) {
      utcSeconds = localSeconds - checked;
    }
    return utcSeconds * 1000L;
  }

  private static int secondOfDay(SplittableRandom random) {
    double slot = random.nextDouble();
    if (slot < 0.05) {
      return between(random, 7, 0, 11, 0);
    } else if (slot < 0.38) {
      return between(random, 11, 0, 14, 30);
    } else if (slot < 0.46) {
      return between(random, 14, 30, 18, 0);
    } else if (slot < 0.84) {
      return between(random, 18, 0, 23, 0);
    } else if (slot < 0.94) {
      return between(random, 23, 0, 24, 0);
    } else {
      return between(random, 0, 0, 1, 30);
    }
  }

  private static int between(
      SplittableRandom random, int fromHour, int fromMinute, int toHour, int toMinute) {
    int from = fromHour * 3600 + fromMinute * 60;
    int to = toHour * 3600 + toMinute * 60;
    return from + random.nextInt(to - from);
  }
}
