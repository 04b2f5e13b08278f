package dev.lakehouse.common.contract;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A rule a typed value must also obey, else its record is a dead letter with reason {@value
 * #REASON}: one of a set of strings, an IANA time zone id, or a number within bounds. Pure: {@link
 * #admits} only looks at the value.
 */
public sealed interface ValueRule {
  String REASON = "invalid-value";

  /**
   * Whether {@code value} (a String for a string field, a Number for a numeric one) obeys the rule.
   */
  boolean admits(Object value);

  /** What the rule asks, for a dead letter's detail: never the value itself. */
  String describe();

  /** The value is one of {@code values}, exactly (case and all). */
  record OneOf(List<String> values) implements ValueRule {
    public OneOf {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("an enum rule needs at least one value");
      }
      if (Set.copyOf(values).size() != values.size()) {
        throw new IllegalArgumentException("an enum rule lists a value twice");
      }
    }

    @Override
    public boolean admits(Object value) {
      return values.contains(value.toString());
    }

    @Override
    public String describe() {
      return "is not one of " + values;
    }
  }

  /** The value is a region id or offset that {@link ZoneId#of} accepts. */
  record IanaZone() implements ValueRule {
    @Override
    public boolean admits(Object value) {
      try {
        ZoneId.of(value.toString());
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }

    @Override
    public String describe() {
      return "is not an IANA time zone";
    }
  }

  /** The number lies in {@code [min, max]}; either bound may be absent (null). */
  record Range(BigDecimal min, BigDecimal max) implements ValueRule {
    public Range {
      if (min == null && max == null) {
        throw new IllegalArgumentException("a range rule needs a min, a max or both");
      }
      if (min != null && max != null && min.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            "a range rule's min "
                + min.toPlainString()
                + " is above its max "
                + max.toPlainString());
      }
    }

    @Override
    public boolean admits(Object value) {
      BigDecimal number =
          value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
      return (min == null || number.compareTo(min) >= 0)
          && (max == null || number.compareTo(max) <= 0);
    }

    @Override
    public String describe() {
      if (min != null && max != null) {
        return "is outside " + min.toPlainString() + ".." + max.toPlainString();
      }
      return min != null ? "is below " + min.toPlainString() : "is above " + max.toPlainString();
    }
  }
}
