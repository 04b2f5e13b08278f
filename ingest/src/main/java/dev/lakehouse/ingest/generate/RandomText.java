package dev.lakehouse.ingest.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random identifiers and digit strings appended to a builder: UUIDs, hex ids, CPFs, phone numbers.
 */
final class RandomText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RandomText() {}

  /** A version-4 UUID from the stream (never {@link java.util.UUID#randomUUID()}). */
  static String uuid(SplittableRandom random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] text = new char[36];
    hex(text, 0, msb >>> 32, 8);
    text[8] = '-';
    hex(text, 9, msb >>> 16, 4);
    text[13] = '-';
    hex(text, 14, msb, 4);
    text[18] = '-';
    hex(text, 19, lsb >>> 48, 4);
    text[23] = '-';
    hex(text, 24, lsb, 12);
    return new String(text);
  }

  private static void hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) value & 0xF];
      value >>>= 4;
    }
  }

  static void appendUuid(StringBuilder out, long mostSignificant, long leastSignificant) {
    long msb = (mostSignificant & ~0xF000L) | 0x4000L;
    long lsb = (leastSignificant & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    appendHex(out, msb >>> 32, 8);
    out.append('-');
    appendHex(out, msb >>> 16, 4);
    out.append('-');
    appendHex(out, msb, 4);
    out.append('-');
    appendHex(out, lsb >>> 48, 4);
    out.append('-');
    appendHex(out, lsb, 12);
  }

  /** The lowest {@code digits} hex digits of {@code value}, lower case, zero padded. */
  static void appendHex(StringBuilder out, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(int) (value >>> shift) & 0xF]);
    }
  }

  /** 32 random hex characters (an item's externalId). */
  static void appendHex32(StringBuilder out, SplittableRandom random) {
    appendHex(out, random.nextLong(), 16);
    appendHex(out, random.nextLong(), 16);
  }

  /** {@code count} random decimal digits; a leading zero is possible. */
  static void appendDigits(StringBuilder out, SplittableRandom random, int count) {
    for (int i = 0; i < count; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
  }

  static String digits(SplittableRandom random, int count) {
    char[] text = new char[count];
    for (int i = 0; i < count; i++) {
      text[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(text);
  }

  /** An 11-digit CPF with valid check digits; one in ten starts with 0. */
  static String cpf(SplittableRandom random) {
    int[] d = new int[11];
    for (int i = 0; i < 9; i++) {
      d[i] = random.nextInt(10);
    }
    d[9] = cpfCheckDigit(d, 9);
    d[10] = cpfCheckDigit(d, 10);
    char[] text = new char[11];
    for (int i = 0; i < 11; i++) {
      text[i] = (char) ('0' + d[i]);
    }
    return new String(text);
  }

  private static int cpfCheckDigit(int[] digits, int count) {
    int sum = 0;
    for (int i = 0; i < count; i++) {
      sum += digits[i] * (count + 1 - i);
    }
    int remainder = sum % 11;
    return remainder < 2 ? 0 : 11 - remainder;
  }

  /** A 9-digit mobile number: 9 then 8 digits. */
  static String phoneNumber(SplittableRandom random) {
    char[] text = new char[9];
    text[0] = '9';
    for (int i = 1; i < 9; i++) {
      text[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(text);
  }

  /** {@code count} random digits, the first not 0. */
  static String number(SplittableRandom random, int count) {
    char[] text = new char[count];
    text[0] = (char) ('1' + random.nextInt(9));
    for (int i = 1; i < count; i++) {
      text[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(text);
  }

  /** {@code value} zero padded to {@code width} digits (value must be non-negative and fit). */
  static String zeroPadded(long value, int width) {
    char[] text = new char[width];
    for (int i = width - 1; i >= 0; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return new String(text);
  }

  static boolean chance(SplittableRandom random, double probability) {
    return random.nextDouble() < probability;
  }

  static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static <T> T pick(SplittableRandom random, T[] values) {
    return values[random.nextInt(values.length)];
  }
}
