package dev.lakehouse.nightly.validation;

import java.util.Locale;

/** What a check's observed value must be: equal to a value, or at most it. */
public record Expectation(Comparison comparison, long value) {
  public enum Comparison {
    EQUAL("="),
    AT_MOST("<=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }
  }

  public static Expectation equalTo(long value) {
    return new Expectation(Comparison.EQUAL, value);
  }

  public static Expectation atMost(long value) {
    return new Expectation(Comparison.AT_MOST, value);
  }

  public boolean admits(long observed) {
    return comparison == Comparison.EQUAL ? observed == value : observed <= value;
  }

  /** E.g. {@code = 0} or {@code <= 86400}. */
  public String describe() {
    return String.format(Locale.ROOT, "%s %d", comparison.symbol, value);
  }
}
