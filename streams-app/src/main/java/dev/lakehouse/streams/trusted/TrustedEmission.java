package dev.lakehouse.streams.trusted;

import java.util.List;

/**
 * A record the trusted stage sends: a version of a trusted row, or an order's unreadable items to
 * the dead letters.
 *
 * @param key the order id, UTF-8
 * @param timestampMillis the Kafka timestamp of the change that caused it
 * @param headers the dead-letter headers; empty for a row
 */
public record TrustedEmission(
    Output output, byte[] key, byte[] value, long timestampMillis, List<Header> headers) {

  /** Where it goes. */
  public enum Output {
    ORDER,
    ITEM,
    GARNISH,
    STATUS,
    DEAD_LETTER
  }

  /** A record header, as the dead letters carry them. */
  public record Header(String key, byte[] value) {}
}
