package dev.lakehouse.ingest.generate;

import java.util.List;

/** Appends JSON values to a builder: quoted, escaped strings and fixed-point decimals. */
final class JsonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /**
   * {@code value} (a long text, e.g. a JSON document) as a JSON string, copying it through {@code
   * scratch} (grown when too small; the possibly new array is returned for reuse).
   */
  static char[] appendString(StringBuilder out, StringBuilder value, char[] scratch) {
    int length = value.length();
    char[] chars =
        scratch.length >= length ? scratch : new char[Math.max(length, scratch.length * 2)];
    value.getChars(0, length, chars, 0);
    out.append('"');
    int plainFrom = 0;
    for (int i = 0; i < length; i++) {
      char c = chars[i];
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(chars, plainFrom, i - plainFrom);
      plainFrom = i + 1;
      appendEscape(out, c);
    }
    out.append(chars, plainFrom, length - plainFrom);
    out.append('"');
    return chars;
  }

  /** {@code value} as a JSON string, or {@code null}. */
  static void appendString(StringBuilder out, CharSequence value) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    appendEscaped(out, value);
    out.append('"');
  }

  /** The characters of {@code value} escaped for the inside of a JSON string (no quotes around). */
  static void appendEscaped(StringBuilder out, CharSequence value) {
    int length = value.length();
    int first = 0;
    while (first < length && needsNoEscape(value.charAt(first))) {
      first++;
    }
    if (first == length) {
      out.append(value);
      return;
    }
    int plainFrom = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(value, plainFrom, i);
      plainFrom = i + 1;
      appendEscape(out, c);
    }
    out.append(value, plainFrom, length);
  }

  private static boolean needsNoEscape(char c) {
    return c >= 0x20 && c != '"' && c != '\\';
  }

  private static void appendEscape(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
  }

  /** {@code hundredths / 100} with exactly two decimals, e.g. 100 → 1.00, -4739 → -47.39. */
  static void appendHundredths(StringBuilder out, long hundredths) {
    if (hundredths < 0) {
      out.append('-');
      hundredths = -hundredths;
    }
    out.append(hundredths / 100).append('.');
    long cents = hundredths % 100;
    if (cents < 10) {
      out.append('0');
    }
    out.append(cents);
  }

  /**
   * The text before each member of a compact JSON object with the dataset's fields in source order:
   * <code>{"cpf":</code> for the first, <code>,"customer_id":</code> for the next ones.
   */
  static String[] memberPrefixes(dev.lakehouse.common.contract.Dataset dataset) {
    List<String> names = dataset.fieldNames();
    String[] prefixes = new String[names.size()];
    for (int i = 0; i < prefixes.length; i++) {
      prefixes[i] = (i == 0 ? "{\"" : ",\"") + names.get(i) + "\":";
    }
    return prefixes;
  }

  static String hundredths(long hundredths) {
    StringBuilder text = new StringBuilder(8);
    appendHundredths(text, hundredths);
    return text.toString();
  }
}
