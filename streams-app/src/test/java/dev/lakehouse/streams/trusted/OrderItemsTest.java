package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderItemsTest {
  private static final String PIZZA =
      "[{\"name\": \"PIZZA MEIO A MEIO\", \"addition\": {\"value\": \"0\", \"currency\": \"BRL\"}, "
          + "\"discount\": {\"value\": \"0\", \"currency\": \"BRL\"}, \"quantity\": 1.00, \"sequence\": 3, "
          + "\"unitPrice\": {\"value\": \"0\", \"currency\": \"BRL\"}, \"externalId\": \"0123456789abcdef0123456789abcdef\", "
          + "\"totalValue\": {\"value\": \"4990\", \"currency\": \"BRL\"}, \"customerNote\": \"caprichar no \\\"molho\\\"\", "
          + "\"garnishItems\": [{\"name\": \"CALABRESA\", \"addition\": {\"value\": \"2495\", \"currency\": \"BRL\"}, "
          + "\"discount\": {\"value\": \"0\", \"currency\": \"BRL\"}, \"quantity\": 0.50, \"sequence\": 4, "
          + "\"unitPrice\": {\"value\": \"4990\", \"currency\": \"BRL\"}, \"categoryId\": \"c1\", \"categoryName\": \"Sabor 1\", "
          + "\"externalId\": \"e1\", \"totalValue\": {\"value\": \"2495\", \"currency\": \"BRL\"}, \"integrationId\": null}, "
          + "{\"name\": \"CALABRESA\", \"addition\": {\"value\": \"2495\", \"currency\": \"BRL\"}, \"discount\": {\"value\": \"0\", \"currency\": \"BRL\"}, "
          + "\"quantity\": 0.50, \"sequence\": 5, \"unitPrice\": {\"value\": \"4990\", \"currency\": \"BRL\"}, \"categoryId\": \"c2\", "
          + "\"categoryName\": \"Sabor 2\", \"externalId\": \"e2\", \"totalValue\": {\"value\": \"2495\", \"currency\": \"BRL\"}, \"integrationId\": \"i-9\"}], "
          + "\"integrationId\": null, \"totalAddition\": {\"value\": \"4990\", \"currency\": \"BRL\"}, \"totalDiscount\": {\"value\": \"0\", \"currency\": \"BRL\"}}, "
          + "{\"name\": \"COCA-COLA\", \"addition\": {\"value\": \"0\", \"currency\": \"BRL\"}, \"discount\": {\"value\": \"0\", \"currency\": \"BRL\"}, "
          + "\"quantity\": 2.00, \"sequence\": 1, \"unitPrice\": {\"value\": \"650\", \"currency\": \"BRL\"}, \"externalId\": \"x\", "
          + "\"totalValue\": {\"value\": \"1300\", \"currency\": \"BRL\"}, \"customerNote\": null, \"garnishItems\": [], \"integrationId\": \"i-1\", "
          + "\"totalAddition\": {\"value\": \"0\", \"currency\": \"BRL\"}, \"totalDiscount\": {\"value\": \"0\", \"currency\": \"BRL\"}}]";

  @Test
  void everyFieldOfItemsAndGarnishesIsReadWithCentavosAsReais() {
    OrderItems.Parsed parsed = (OrderItems.Parsed) OrderItems.parse(PIZZA);
    assertThat(parsed.items()).hasSize(2);
    OrderItems.Item pizza = parsed.items().get(0);
    assertThat(pizza.position()).isZero();
    assertThat(pizza.sequence()).isEqualTo(3);
    assertThat(pizza.unitPrice()).isEqualTo(new BigDecimal("0.00"));
    assertThat(pizza.totalValue()).isEqualTo(new BigDecimal("49.90"));
    assertThat(pizza.totalAddition()).isEqualTo(new BigDecimal("49.90"));
    assertThat(pizza.quantity()).isEqualTo(new BigDecimal("1.000"));
    assertThat(pizza.customerNote()).isEqualTo("caprichar no \"molho\"");
    assertThat(pizza.currency()).isEqualTo("BRL");
    assertThat(pizza.garnishes())
        .extracting(OrderItems.Garnish::name)
        .containsExactly("CALABRESA", "CALABRESA");
    assertThat(pizza.garnishes())
        .extracting(OrderItems.Garnish::categoryId)
        .containsExactly("c1", "c2");
    OrderItems.Garnish half = pizza.garnishes().get(1);
    assertThat(half.position()).isEqualTo(1);
    assertThat(half.sequence()).isEqualTo(5);
    assertThat(half.addition()).isEqualTo(new BigDecimal("24.95"));
    assertThat(half.quantity()).isEqualTo(new BigDecimal("0.500"));
    assertThat(half.integrationId()).isEqualTo("i-9");
    assertThat(half.categoryName()).isEqualTo("Sabor 2");

    OrderItems.Item coke = parsed.items().get(1);
    assertThat(coke.sequence()).as("items are not sorted by sequence").isEqualTo(1);
    assertThat(coke.garnishes()).as("an item without garnish is kept").isEmpty();
    assertThat(coke.unitPrice()).isEqualTo(new BigDecimal("6.50"));
    assertThat(coke.integrationId()).isEqualTo("i-1");
  }

  @Test
  void unreadableItemsAreInvalidWithAReasonAndNullOrEmptyItemsAreNone() {
    assertThat(OrderItems.parse("[{\"name\": \"x\"")).isInstanceOf(OrderItems.Invalid.class);
    assertThat(OrderItems.parse("{\"name\": \"x\"}"))
        .isEqualTo(new OrderItems.Invalid("invalid-items", "items is not a JSON array"));
    assertThat(OrderItems.parse("[{\"unitPrice\": {\"value\": \"12.5\", \"currency\": \"BRL\"}}]"))
        .isEqualTo(
            new OrderItems.Invalid(
                "invalid-items",
                "item 0: unitPrice.value is not a whole number of centavos within 14 digits (not a whole number)"));
    assertThat(
            OrderItems.parse(
                "[{\"unitPrice\": {\"value\": \"100\", \"currency\": \"BRL\"}, \"totalValue\": {\"value\": \"100\", \"currency\": \"USD\"}}]"))
        .isEqualTo(new OrderItems.Invalid("invalid-items", "item 0: money in two currencies"));
    assertThat(OrderItems.parse("[{\"sequence\": 1.5}]")).isInstanceOf(OrderItems.Invalid.class);
    assertThat(OrderItems.parse("[{\"quantity\": 0.1234}]"))
        .isEqualTo(
            new OrderItems.Invalid(
                "invalid-items", "item 0: quantity has more than 3 decimal places"));
    assertThat(OrderItems.parse("[1]"))
        .isEqualTo(new OrderItems.Invalid("invalid-items", "item 0 is not a JSON object"));
    assertThat(OrderItems.parse("[]")).isEqualTo(new OrderItems.Parsed(java.util.List.of()));
    assertThat(OrderItems.parse(null)).isEqualTo(new OrderItems.Parsed(java.util.List.of()));
  }
}
