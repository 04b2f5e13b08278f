package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * An order's items string, whatever it holds: items that fit the trusted columns, or invalid with a
 * reason; never an exception.
 */
class OrderItemsTotalityTest {
  private static final String GOOD =
      """
      [{"name":"Pizza","addition":{"value":"0","currency":"BRL"},"discount":{"value":"0","currency":"BRL"},"quantity":1.0,\
      "sequence":1,"unitPrice":{"value":"2800","currency":"BRL"},"externalId":"e-1","totalValue":{"value":"2800","currency":"BRL"},\
      "customerNote":null,"integrationId":"i-1","totalAddition":{"value":"0","currency":"BRL"},\
      "totalDiscount":{"value":"0","currency":"BRL"},"garnishItems":[{"name":"Cheese","addition":{"value":"100","currency":"BRL"},\
      "discount":{"value":"0","currency":"BRL"},"quantity":2,"sequence":1,"unitPrice":{"value":"50","currency":"BRL"},\
      "categoryId":"c-1","categoryName":"Extras","externalId":"g-1","totalValue":{"value":"100","currency":"BRL"},\
      "integrationId":"gi-1"}]}]""";
  private static final List<String> HOSTILE =
      List.of(
          "1e400",
          "1e999999999",
          "1e-999999999",
          "9E+2147483647",
          "1" + "0".repeat(500),
          "99999999999999999",
          "0.0001",
          "-1e14",
          "2147483648",
          "\"1e999999999\"",
          "\"NaN\"",
          "\"" + "9".repeat(5000) + "\"",
          "{}",
          "[]");

  @Test
  void hostileNumbersInEveryMoneyQuantityAndSequenceAreInvalidItemsQuickly() {
    int tried = 0;
    for (String field :
        List.of(
            "\"value\":\"2800\"",
            "\"value\":\"100\"",
            "\"quantity\":1.0",
            "\"quantity\":2",
            "\"sequence\":1")) {
      for (String hostile : HOSTILE) {
        String name = field.substring(0, field.indexOf(':') + 1);
        String items =
            GOOD.replace(
                field,
                name
                    + (name.equals("\"value\":")
                            && !hostile.startsWith("\"")
                            && !hostile.startsWith("{")
                            && !hostile.startsWith("[")
                        ? "\"" + hostile + "\""
                        : hostile));
        assertThat(items).isNotEqualTo(GOOD);
        OrderItems.Result result = timed(items);
        tried++;
        if (result instanceof OrderItems.Parsed parsed) {
          assertFits(parsed);
        } else {
          assertThat(((OrderItems.Invalid) result).detail())
              .doesNotContain(hostile.length() > 4 ? hostile.substring(0, 5) : "§");
        }
      }
    }
    assertThat(tried).isEqualTo(70);
    assertThat(timed(GOOD.replace("\"value\":\"2800\"", "\"value\":\"1e999999999\"")))
        .isInstanceOf(OrderItems.Invalid.class);
  }

  @Property(tries = 2_000)
  void anyEditOfGoodItemsIsItemsOrInvalid(@ForAll("edited") String items) {
    OrderItems.Result result = timed(items);
    if (result instanceof OrderItems.Parsed parsed) {
      assertFits(parsed);
    } else {
      assertThat(((OrderItems.Invalid) result).reason()).isEqualTo("invalid-items");
    }
  }

  @Provide
  Arbitrary<String> edited() {
    Arbitrary<String> inserts =
        Arbitraries.oneOf(
            Arbitraries.of(HOSTILE),
            Arbitraries.strings().ofMaxLength(6),
            Arbitraries.bigDecimals().map(BigDecimal::toString),
            Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "e9999", "\\"));
    return Combinators.combine(
            Arbitraries.integers().between(0, GOOD.length()),
            Arbitraries.integers().between(0, 12),
            inserts)
        .as(
            (at, cut, insert) ->
                GOOD.substring(0, at) + insert + GOOD.substring(Math.min(GOOD.length(), at + cut)));
  }

  /**
   * Every amount fits decimal(14,2), every quantity decimal(12,3): what the trusted columns hold.
   */
  private static void assertFits(OrderItems.Parsed parsed) {
    for (OrderItems.Item item : parsed.items()) {
      for (BigDecimal money :
          new BigDecimal[] {
            item.addition(),
            item.discount(),
            item.unitPrice(),
            item.totalValue(),
            item.totalAddition(),
            item.totalDiscount()
          }) {
        fits(money, 14, 2);
      }
      fits(item.quantity(), 12, 3);
      for (OrderItems.Garnish garnish : item.garnishes()) {
        for (BigDecimal money :
            new BigDecimal[] {
              garnish.addition(), garnish.discount(), garnish.unitPrice(), garnish.totalValue()
            }) {
          fits(money, 14, 2);
        }
        fits(garnish.quantity(), 12, 3);
      }
    }
  }

  private static void fits(BigDecimal value, int precision, int scale) {
    if (value != null) {
      assertThat(value.scale()).isEqualTo(scale);
      assertThat(value.precision()).isLessThanOrEqualTo(precision);
    }
  }

  private static OrderItems.Result timed(String items) {
    long started = System.nanoTime();
    OrderItems.Result result = OrderItems.parse(items);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(result).isNotNull();
    return result;
  }
}
