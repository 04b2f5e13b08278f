package dev.lakehouse.ingest.generate;

/**
 * Formats epoch milliseconds as ISO-8601 UTC with millis ({@code 2019-01-17T22:50:06.000Z}) without
 * allocating: years 0000..9999 only.
 */
public final class IsoInstant {
  private IsoInstant() {}

  public static String format(long epochMillis) {
    StringBuilder text = new StringBuilder(24);
    append(text, epochMillis);
    return text.toString();
  }

  public static void append(StringBuilder out, long epochMillis) {
    long seconds = Math.floorDiv(epochMillis, 1000L);
    int millis = (int) Math.floorMod(epochMillis, 1000L);
    long days = Math.floorDiv(seconds, 86_400L);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
    // civil-from-days (H. Hinnant), proleptic Gregorian
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthIndex = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("year out of range: " + year);
    }
    append(out, (int) year, 4);
    out.append('-');
    append(out, month, 2);
    out.append('-');
    append(out, day, 2);
    out.append('T');
    append(out, secondOfDay / 3600, 2);
    out.append(':');
    append(out, secondOfDay / 60 % 60, 2);
    out.append(':');
    append(out, secondOfDay % 60, 2);
    out.append('.');
    append(out, millis, 3);
    out.append('Z');
  }

  private static void append(StringBuilder out, int value, int width) {
    int divisor = 1;
    for (int i = 1; i < width; i++) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      out.append((char) ('0' + value / divisor % 10));
    }
  }
}
