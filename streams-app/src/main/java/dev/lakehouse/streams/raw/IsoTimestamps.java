package dev.lakehouse.streams.raw;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses ISO-8601 timestamps with a zone or offset, as {@link OffsetDateTime#parse} does, in UTC.
 * The shape every source uses, {@code 2019-01-17T22:50:06.000Z}, is read digit by digit, several
 * times faster than the formatter; anything else (offsets, missing seconds, odd widths) and
 * anything out of range goes to {@code OffsetDateTime.parse}, which gives the answer or the error.
 */
final class IsoTimestamps {
  private IsoTimestamps() {}

  /**
   * The instant in UTC; throws {@link DateTimeException} when the text is not an ISO-8601 timestamp
   * with a zone or offset.
   */
  static OffsetDateTime parseUtc(String text) {
    OffsetDateTime fast = utcWithSeconds(text);
    return fast != null ? fast : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other shape or an out-of-range field.
   */
  private static OffsetDateTime utcWithSeconds(String s) {
    int length = s.length();
    if (length < 20
        || length > 30
        || s.charAt(length - 1) != 'Z'
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int nanos = 0;
    if (length > 20) {
      int fractionDigits = length - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1) {
        return null;
      }
      int fraction = digits(s, 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    } else if (s.charAt(19) != 'Z') {
      return null;
    }
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
    } catch (DateTimeException outOfRange) {
      return null;
    }
  }

  /**
   * The decimal value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit.
   */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
