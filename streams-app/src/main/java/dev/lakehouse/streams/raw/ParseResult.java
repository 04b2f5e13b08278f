package dev.lakehouse.streams.raw;

import java.util.Map;

/** The outcome of typing one source record: its typed values by source field name, or why it was rejected. */
public sealed interface ParseResult {
  /** Typed values: String, Integer, Double, Boolean, BigDecimal (scale 2) or OffsetDateTime (UTC); absent or null = null. */
  record Parsed(Map<String, Object> values) implements ParseResult {}

  /**
   * A record that breaks its contract.
   *
   * @param reason a short stable code (e.g. {@code invalid-timestamp}), the dead letters are counted by it
   * @param detail which field and why, without the field's value (it may be personal data)
   */
  record Rejected(String reason, String detail) implements ParseResult {}
}
