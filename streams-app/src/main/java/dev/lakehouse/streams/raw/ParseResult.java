package dev.lakehouse.streams.raw;

import dev.lakehouse.streams.codec.Utf8Text;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of typing one source record: its typed values in contract order, or why it was
 * rejected.
 */
public sealed interface ParseResult {
  /**
   * Typed values: String, Integer, Double, Boolean, BigDecimal (scale 2) or OffsetDateTime (UTC);
   * absent or null = null. A string may be held as its UTF-8 bytes ({@link Utf8Text}); {@link
   * #values()} gives it as a String.
   *
   * @param fields the contract's field names
   * @param ordered the values, in the order of {@code fields}
   */
  record Parsed(List<String> fields, Object[] ordered) implements ParseResult {
    /** The values by field name (absent fields map to null). */
    public Map<String, Object> values() {
      Map<String, Object> values = new HashMap<>(fields.size() * 2);
      for (int i = 0; i < ordered.length; i++) {
        values.put(fields.get(i), asString(ordered[i]));
      }
      return values;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Parsed parsed
          && fields.equals(parsed.fields)
          && Arrays.equals(strings(), parsed.strings());
    }

    @Override
    public int hashCode() {
      return 31 * fields.hashCode() + Arrays.hashCode(strings());
    }

    private Object[] strings() {
      Object[] values = new Object[ordered.length];
      for (int i = 0; i < ordered.length; i++) {
        values[i] = asString(ordered[i]);
      }
      return values;
    }

    private static Object asString(Object value) {
      return value instanceof Utf8Text text ? text.toString() : value;
    }

    @Override
    public String toString() {
      return "Parsed" + values();
    }
  }

  /**
   * A record that breaks its contract.
   *
   * @param reason a short stable code (e.g. {@code invalid-timestamp}), the dead letters are
   *     counted by it
   * @param detail which field and why, without the field's value (it may be personal data)
   */
  record Rejected(String reason, String detail) implements ParseResult {}
}
