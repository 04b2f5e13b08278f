package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.codec.BinaryReader;
import dev.lakehouse.streams.codec.BinaryWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The data-quality counters of one trusted task (its partitions of the orders), kept exactly once
 * in a state store and updated with every change: records in per input, versions out per table, and
 * the state of the current orders (missing consumer or restaurant, a rejected duplicate copy, an
 * invalid status flow).
 */
final class QualityCounters {
  /** What is counted. Names are the data-quality table's columns. */
  enum Metric {
    ORDER_RECORDS_IN,
    STATUS_RECORDS_IN,
    DIMENSION_RECORDS_IN,
    ORDER_VERSIONS_OUT,
    ITEM_ROWS_OUT,
    GARNISH_ROWS_OUT,
    STATUS_VERSIONS_OUT,
    ITEM_DEAD_LETTERS,
    ORDERS,
    ORDERS_MISSING_CONSUMER,
    ORDERS_MISSING_RESTAURANT,
    ORDERS_WITH_REJECTED_DUPLICATE,
    STATUS_ORDERS,
    INVALID_FLOWS;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final long[] values;

  QualityCounters() {
    this(new long[Metric.values().length]);
  }

  private QualityCounters(long[] values) {
    this.values = values;
  }

  void add(Metric metric, long delta) {
    values[metric.ordinal()] += delta;
  }

  long get(Metric metric) {
    return values[metric.ordinal()];
  }

  /** Counters by column name, in metric order. */
  Map<String, Object> asRow() {
    Map<String, Object> row = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      row.put(metric.column(), values[metric.ordinal()]);
    }
    return row;
  }

  QualityCounters copy() {
    return new QualityCounters(values.clone());
  }

  byte[] toBytes() {
    BinaryWriter out = new BinaryWriter(values.length * 3);
    out.varint(values.length);
    for (long value : values) {
      out.varlong(value);
    }
    return out.toByteArray();
  }

  static QualityCounters fromBytes(byte[] bytes) {
    QualityCounters counters = new QualityCounters();
    if (bytes == null) {
      return counters;
    }
    BinaryReader in = new BinaryReader(bytes, "the trusted quality counters");
    int count = (int) in.varint();
    for (int i = 0; i < count && i < counters.values.length; i++) {
      counters.values[i] = in.varlong();
    }
    return counters;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QualityCounters counters && Arrays.equals(values, counters.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return asRow().toString();
  }
}
