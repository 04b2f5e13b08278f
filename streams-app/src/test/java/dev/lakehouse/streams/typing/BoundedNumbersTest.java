package dev.lakehouse.streams.typing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BoundedNumbersTest {
  @Test
  void decimalsFitTheirColumnOrAreRefusedWithoutScalingHugeExponents() throws Exception {
    assertThat(BoundedNumbers.fit(BoundedNumbers.parse("46"), 14, 2))
        .isEqualTo(new BigDecimal("46.00"));
    assertThat(BoundedNumbers.fit(BoundedNumbers.parse("1.5E+3"), 14, 2))
        .isEqualTo(new BigDecimal("1500.00"));
    assertThat(BoundedNumbers.fit(BoundedNumbers.parse("12.3400"), 14, 2))
        .isEqualTo(new BigDecimal("12.34"));
    assertThat(BoundedNumbers.fit(BoundedNumbers.parse("0e999999999"), 14, 2))
        .isEqualTo(new BigDecimal("0.00"));
    assertThat(BoundedNumbers.fit(BoundedNumbers.parse("-999999999999.99"), 14, 2))
        .isEqualTo(new BigDecimal("-999999999999.99"));
    assertThatThrownBy(() -> BoundedNumbers.fit(BoundedNumbers.parse("1000000000000"), 14, 2))
        .isInstanceOf(InvalidNumberException.class)
        .hasMessage("more than 12 digits before the decimal point");
    assertThatThrownBy(() -> BoundedNumbers.fit(BoundedNumbers.parse("12.345"), 14, 2))
        .hasMessage("more than 2 decimal places");
    // each of these scaled by setScale would build a number of about a billion digits
    for (String huge :
        new String[] {
          "1e999999999", "1e-999999999", "-7E+2147483647", "1E-2147483648", "9.9e2147483647"
        }) {
      assertThatThrownBy(() -> BoundedNumbers.fit(BoundedNumbers.parse(huge), 14, 2))
          .as(huge)
          .isInstanceOf(InvalidNumberException.class);
      assertThatThrownBy(() -> BoundedNumbers.toInt(BoundedNumbers.parse(huge)))
          .as(huge)
          .isInstanceOf(InvalidNumberException.class);
    }
    assertThatThrownBy(() -> BoundedNumbers.parse("1e99999999999"))
        .as("exponent beyond an int")
        .hasMessage("not a number");
  }

  @Test
  void intsAndDoublesKeepTheirRange() throws Exception {
    assertThat(BoundedNumbers.toInt(BoundedNumbers.parse("2147483647")))
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(BoundedNumbers.toInt(BoundedNumbers.parse("-2.147483648E9")))
        .isEqualTo(Integer.MIN_VALUE);
    assertThat(BoundedNumbers.toInt(BoundedNumbers.parse("3.000"))).isEqualTo(3);
    assertThatThrownBy(() -> BoundedNumbers.toInt(BoundedNumbers.parse("2147483648")))
        .isInstanceOf(InvalidNumberException.class);
    assertThatThrownBy(() -> BoundedNumbers.toInt(BoundedNumbers.parse("1.5")))
        .hasMessage("not a whole number");
    assertThat(BoundedNumbers.toLong(BoundedNumbers.parse("9223372036854775807")))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(BoundedNumbers.toLong(BoundedNumbers.parse("-9.223372036854775808E18")))
        .isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> BoundedNumbers.toLong(BoundedNumbers.parse("9223372036854775808")))
        .hasMessage("out of the range of a 64-bit integer");
    assertThatThrownBy(() -> BoundedNumbers.toLong(BoundedNumbers.parse("1e19")))
        .isInstanceOf(InvalidNumberException.class);
    assertThatThrownBy(() -> BoundedNumbers.toLong(BoundedNumbers.parse("2.5")))
        .hasMessage("not a whole number");
    assertThat(BoundedNumbers.toDouble(BoundedNumbers.parse("-47.39"))).isEqualTo(-47.39);
    assertThat(BoundedNumbers.toDouble(BoundedNumbers.parse("1e-999999999"))).isEqualTo(0.0);
    assertThatThrownBy(() -> BoundedNumbers.toDouble(BoundedNumbers.parse("1e309")))
        .hasMessage("out of the range of a double");
    assertThatThrownBy(() -> BoundedNumbers.toDouble(BoundedNumbers.parse("1e999999999")))
        .hasMessage("out of the range of a double");
  }

  @Test
  void textsThatAreNotNumbersOrTooLongAreRefused() {
    for (String text : new String[] {"", " ", "NaN", "Infinity", "0x10", "1,5", "--1", "1e", "."}) {
      assertThatThrownBy(() -> BoundedNumbers.parse(text))
          .as("'%s'", text)
          .hasMessage("not a number");
    }
    assertThatThrownBy(() -> BoundedNumbers.parse("1".repeat(BoundedNumbers.MAX_CHARS + 1)))
        .hasMessage("a number of more than " + BoundedNumbers.MAX_CHARS + " characters");
  }

  /**
   * Any mantissa with any exponent: an answer or a refusal, never a runtime exception, and never
   * slow.
   */
  @Property(tries = 2_000)
  void everyNumberTextIsAnsweredQuickly(
      @ForAll long mantissa,
      @ForAll @IntRange(min = 0, max = 40) int fractionDigits,
      @ForAll int exponent,
      @ForAll @IntRange(min = 1, max = 38) int precision) {
    String text =
        new BigDecimal(java.math.BigInteger.valueOf(mantissa), fractionDigits) + "E" + exponent;
    int scale = Math.min(precision, 3);
    long started = System.nanoTime();
    try {
      BigDecimal value = BoundedNumbers.parse(text);
      BigDecimal fitted = BoundedNumbers.fit(value, precision, scale);
      assertThat(fitted.compareTo(value)).as("a fitted value is the value").isZero();
      assertThat(fitted.precision()).isLessThanOrEqualTo(Math.max(precision, scale + 1));
    } catch (InvalidNumberException refused) {
      // a refusal is an answer
    }
    try {
      BoundedNumbers.toInt(BoundedNumbers.parse(text));
    } catch (InvalidNumberException refused) {
      // a refusal is an answer
    }
    try {
      assertThat(Double.isFinite(BoundedNumbers.toDouble(BoundedNumbers.parse(text)))).isTrue();
    } catch (InvalidNumberException refused) {
      // a refusal is an answer
    }
    // microseconds normally; a scaled huge exponent takes minutes
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
