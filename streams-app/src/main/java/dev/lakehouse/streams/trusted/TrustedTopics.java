package dev.lakehouse.streams.trusted;

import java.util.List;

/** The topics of the trusted stage. */
public final class TrustedTopics {
  /** Consumers and restaurants, each copied to every partition so every order task holds them all. */
  public static final String DIMENSIONS = "trusted.dimensions";
  public static final String ORDER_ROWS = "trusted.rows.order";
  public static final String ITEM_ROWS = "trusted.rows.order_item";
  public static final String GARNISH_ROWS = "trusted.rows.order_item_garnish";
  public static final String STATUS_ROWS = "trusted.rows.order_status";
  /** Each task's data-quality counters, every few seconds when they changed. */
  public static final String QUALITY = "trusted.quality";
  /** Orders whose items cannot be read: the order is in trusted, its items are here. */
  public static final String DEAD_LETTERS = dev.lakehouse.common.contract.DeadLetterTopics.TRUSTED;

  private TrustedTopics() {}

  /** The rows topics, each feeding one trusted table (the last feeds trusted.data_quality). */
  public static List<String> rowTopics() {
    return List.of(ORDER_ROWS, ITEM_ROWS, GARNISH_ROWS, STATUS_ROWS, QUALITY);
  }
}
