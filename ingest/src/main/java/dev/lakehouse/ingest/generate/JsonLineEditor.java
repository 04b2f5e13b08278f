package dev.lakehouse.ingest.generate;

/**
 * Edits one top-level member of a compact, flat JSON line as the line writers render it (members
 * {@code "name":value} separated by commas, no whitespace). Used only to make bad lines.
 */
final class JsonLineEditor {
  private JsonLineEditor() {}

  /** {@code line} with {@code field}'s value replaced by the raw JSON text {@code rawValue}. */
  static String replaceValue(String line, String field, String rawValue) {
    int start = valueStart(line, field);
    int end = valueEnd(line, start);
    return line.substring(0, start) + rawValue + line.substring(end);
  }

  /** {@code line} without the member {@code field}. */
  static String removeMember(String line, String field) {
    int keyStart = keyStart(line, field);
    int end = valueEnd(line, keyStart + field.length() + 3);
    if (line.charAt(keyStart - 1) == ',') {
      return line.substring(0, keyStart - 1) + line.substring(end);
    }
    if (end < line.length() && line.charAt(end) == ',') {
      end++;
    }
    return line.substring(0, keyStart) + line.substring(end);
  }

  /** Whether {@code field}'s value is a (non-null) string. */
  static boolean hasStringValue(String line, String field) {
    int key = findKey(line, field);
    return key >= 0 && line.charAt(key + field.length() + 3) == '"';
  }

  /** Index of the first character of {@code field}'s value. */
  static int valueStart(String line, String field) {
    return keyStart(line, field) + field.length() + 3;
  }

  private static int keyStart(String line, String field) {
    int key = findKey(line, field);
    if (key < 0) {
      throw new IllegalArgumentException("no top-level member '" + field + "'");
    }
    return key;
  }

  /** Index of the opening quote of {@code "field":} preceded by '{' or ',', or -1. */
  private static int findKey(String line, String field) {
    String pattern = "\"" + field + "\":";
    int from = 0;
    while (true) {
      int at = line.indexOf(pattern, from);
      if (at <= 0) {
        return -1;
      }
      char before = line.charAt(at - 1);
      if (before == '{' || before == ',') {
        return at;
      }
      from = at + 1;
    }
  }

  /**
   * Index just after the value starting at {@code start}: a string, or a literal up to ',' or '}'.
   */
  private static int valueEnd(String line, int start) {
    if (line.charAt(start) == '"') {
      int i = start + 1;
      while (true) {
        char c = line.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '"') {
          return i + 1;
        } else {
          i++;
        }
      }
    }
    int i = start;
    while (i < line.length() && line.charAt(i) != ',' && line.charAt(i) != '}') {
      i++;
    }
    return i;
  }
}
