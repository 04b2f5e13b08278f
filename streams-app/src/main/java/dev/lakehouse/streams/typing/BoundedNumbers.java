package dev.lakehouse.streams.typing;

import java.math.BigDecimal;

/**
 * Numbers from text, in time and memory bounded by the text's length, whatever the text: the same
 * value as {@code new BigDecimal(text)} and its exact conversions, or {@link
 * InvalidNumberException}, never a runtime exception. A plain {@code setScale} or {@code
 * intValueExact} on {@code 1e999999999} builds a number of a billion digits (minutes of CPU,
 * gigabytes); here the digits before the point are counted first, from precision and scale, and
 * anything a column cannot hold is refused before it is scaled.
 */
public final class BoundedNumbers {
  /**
   * The longest number text accepted: far more than a decimal(38) with its sign, point and
   * exponent.
   */
  public static final int MAX_CHARS = 100;

  private BoundedNumbers() {}

  /**
   * The text as a decimal; refused when it is longer than {@value #MAX_CHARS} characters or not a
   * number.
   */
  public static BigDecimal parse(String text) throws InvalidNumberException {
    String trimmed = text.trim();
    if (trimmed.length() > MAX_CHARS) {
      throw new InvalidNumberException("a number of more than " + MAX_CHARS + " characters");
    }
    if (trimmed.isEmpty()) {
      throw new InvalidNumberException("not a number");
    }
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      throw new InvalidNumberException("not a number");
    }
  }

  /**
   * The value at exactly {@code scale} decimal places within {@code precision} digits, as a {@code
   * decimal(precision, scale)} column holds it; refused when it has more digits before the point or
   * more (non-zero) decimal places than that.
   */
  public static BigDecimal fit(BigDecimal value, int precision, int scale)
      throws InvalidNumberException {
    if (value.signum() == 0) {
      return BigDecimal.ZERO.setScale(scale);
    }
    if (integerDigits(value) > precision - scale) {
      throw new InvalidNumberException(
          "more than " + (precision - scale) + " digits before the decimal point");
    }
    // at most MAX_CHARS digits: stripping them is cheap, and the scale that remains is what the
    // value needs
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > scale) {
      throw new InvalidNumberException(
          scale == 0 ? "not a whole number" : "more than " + scale + " decimal places");
    }
    // now at most precision digits in all: the rescale multiplies by at most 10^precision
    return stripped.setScale(scale);
  }

  /** The value as an int; refused when it is not a whole number or out of the int range. */
  public static int toInt(BigDecimal value) throws InvalidNumberException {
    BigDecimal whole = fit(value, 10, 0);
    try {
      return whole.intValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidNumberException("out of the range of a 32-bit integer");
    }
  }

  /** The value as a long; refused when it is not a whole number or out of the long range. */
  public static long toLong(BigDecimal value) throws InvalidNumberException {
    BigDecimal whole = fit(value, 19, 0);
    try {
      return whole.longValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidNumberException("out of the range of a 64-bit integer");
    }
  }

  /** The value as a finite double; refused when it overflows the double range. */
  public static double toDouble(BigDecimal value) throws InvalidNumberException {
    // beyond 10^309 every double is infinite; below 10^-400 the value is far under the smallest
    // subnormal
    long digits = value.signum() == 0 ? 0 : integerDigits(value);
    if (digits > 310) {
      throw new InvalidNumberException("out of the range of a double");
    }
    if (digits < -400) {
      return value.signum() < 0 ? -0.0 : 0.0;
    }
    double d = value.doubleValue();
    if (Double.isInfinite(d) || Double.isNaN(d)) {
      throw new InvalidNumberException("out of the range of a double");
    }
    return d;
  }

  /**
   * Digits before the decimal point (negative for values below 0.1: -2 for 0.001), with no
   * overflow.
   */
  static long integerDigits(BigDecimal value) {
    return (long) value.precision() - value.scale();
  }
}
