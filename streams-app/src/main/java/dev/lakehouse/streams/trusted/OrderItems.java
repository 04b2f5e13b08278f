package dev.lakehouse.streams.trusted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.streams.typing.BoundedNumbers;
import dev.lakehouse.streams.typing.InvalidNumberException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an order's {@code items} (a string holding a JSON array) into items and their garnish
 * items, with every field. Money objects {@code {"value": "2800", "currency": "BRL"}} carry
 * centavos as a string and become decimal reais (28.00) with the currency kept once per item or
 * garnish; an item whose money objects disagree on the currency is invalid. Items keep their array
 * position, since they are not sorted by {@code sequence}; an item without garnish has an empty
 * list.
 *
 * <p>Total over its input: any string gives a result, never an exception, in time bounded by its
 * length. A number the trusted columns cannot hold (money beyond {@code decimal(14,2)}, a quantity
 * beyond {@code decimal(12,3)}, a sequence beyond an int, or any number with a huge exponent) makes
 * the items invalid; nothing is scaled before its digits are counted ({@link BoundedNumbers}).
 */
public final class OrderItems {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Quantities are kept with three decimal places (0.500 for half a pizza). */
  public static final int QUANTITY_SCALE = 3;

  public static final int QUANTITY_PRECISION = 12;

  private OrderItems() {}

  /** One item of an order. Amounts are in reais. */
  public record Item(
      int position,
      String name,
      BigDecimal addition,
      BigDecimal discount,
      BigDecimal quantity,
      Integer sequence,
      BigDecimal unitPrice,
      String externalId,
      BigDecimal totalValue,
      String customerNote,
      String integrationId,
      BigDecimal totalAddition,
      BigDecimal totalDiscount,
      String currency,
      List<Garnish> garnishes) {}

  /** One garnish item of an item. Amounts are in reais. */
  public record Garnish(
      int position,
      String name,
      BigDecimal addition,
      BigDecimal discount,
      BigDecimal quantity,
      Integer sequence,
      BigDecimal unitPrice,
      String categoryId,
      String categoryName,
      String externalId,
      BigDecimal totalValue,
      String integrationId,
      String currency) {}

  /** The outcome of reading an {@code items} string. */
  public sealed interface Result {}

  public record Parsed(List<Item> items) implements Result {}

  /** Items that cannot be read: the whole order's items go to the dead letters with this reason. */
  public record Invalid(String reason, String detail) implements Result {}

  public static Result parse(String itemsJson) {
    if (itemsJson == null) {
      return new Parsed(List.of());
    }
    JsonNode root;
    try {
      root = JSON.readTree(itemsJson);
    } catch (IOException | RuntimeException e) {
      // malformed JSON, or beyond Jackson's read limits (number length, nesting depth)
      return new Invalid("invalid-items", "items is not JSON");
    }
    if (root == null || !root.isArray()) {
      return new Invalid("invalid-items", "items is not a JSON array");
    }
    try {
      List<Item> items = new ArrayList<>(root.size());
      for (int i = 0; i < root.size(); i++) {
        items.add(item(i, object(root.get(i), "item " + i)));
      }
      return new Parsed(List.copyOf(items));
    } catch (ItemException e) {
      return new Invalid("invalid-items", e.getMessage());
    }
  }

  private static Item item(int position, JsonNode node) throws ItemException {
    String where = "item " + position;
    Currency currency = new Currency(where);
    JsonNode garnishNode = node.get("garnishItems");
    List<Garnish> garnishes = new ArrayList<>();
    if (garnishNode != null && !garnishNode.isNull()) {
      if (!garnishNode.isArray()) {
        throw new ItemException(where + ": garnishItems is not an array");
      }
      for (int g = 0; g < garnishNode.size(); g++) {
        garnishes.add(
            garnish(
                g, object(garnishNode.get(g), where + " garnish " + g), where + " garnish " + g));
      }
    }
    return new Item(
        position,
        text(node, "name", where),
        currency.money(node, "addition"),
        currency.money(node, "discount"),
        quantity(node, where),
        integer(node, "sequence", where),
        currency.money(node, "unitPrice"),
        text(node, "externalId", where),
        currency.money(node, "totalValue"),
        text(node, "customerNote", where),
        text(node, "integrationId", where),
        currency.money(node, "totalAddition"),
        currency.money(node, "totalDiscount"),
        currency.code,
        List.copyOf(garnishes));
  }

  private static Garnish garnish(int position, JsonNode node, String where) throws ItemException {
    Currency currency = new Currency(where);
    return new Garnish(
        position,
        text(node, "name", where),
        currency.money(node, "addition"),
        currency.money(node, "discount"),
        quantity(node, where),
        integer(node, "sequence", where),
        currency.money(node, "unitPrice"),
        text(node, "categoryId", where),
        text(node, "categoryName", where),
        text(node, "externalId", where),
        currency.money(node, "totalValue"),
        text(node, "integrationId", where),
        currency.code);
  }

  private static JsonNode object(JsonNode node, String where) throws ItemException {
    if (node == null || !node.isObject()) {
      throw new ItemException(where + " is not a JSON object");
    }
    return node;
  }

  private static String text(JsonNode node, String field, String where) throws ItemException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new ItemException(where + ": " + field + " is not a text");
    }
    return value.asText();
  }

  private static BigDecimal decimal(JsonNode node, String field, String where)
      throws ItemException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (!value.isValueNode()) {
      throw new ItemException(where + ": " + field + " is not a number");
    }
    try {
      return BoundedNumbers.parse(value.asText());
    } catch (InvalidNumberException e) {
      throw new ItemException(where + ": " + field + " is " + e.getMessage());
    }
  }

  private static BigDecimal quantity(JsonNode node, String where) throws ItemException {
    BigDecimal value = decimal(node, "quantity", where);
    if (value == null) {
      return null;
    }
    try {
      return BoundedNumbers.fit(value, QUANTITY_PRECISION, QUANTITY_SCALE);
    } catch (InvalidNumberException e) {
      throw new ItemException(where + ": quantity has " + e.getMessage());
    }
  }

  private static Integer integer(JsonNode node, String field, String where) throws ItemException {
    BigDecimal value = decimal(node, field, where);
    if (value == null) {
      return null;
    }
    try {
      return BoundedNumbers.toInt(value);
    } catch (InvalidNumberException e) {
      throw new ItemException(where + ": " + field + " is not a 32-bit whole number");
    }
  }

  /** Reads the money objects of one item or garnish and checks that they share one currency. */
  private static final class Currency {
    private final String where;
    private String code;

    Currency(String where) {
      this.where = where;
    }

    BigDecimal money(JsonNode node, String field) throws ItemException {
      JsonNode money = node.get(field);
      if (money == null || money.isNull()) {
        return null;
      }
      if (!money.isObject()) {
        throw new ItemException(where + ": " + field + " is not a money object");
      }
      JsonNode value = money.get("value");
      if (value == null || value.isNull()) {
        return null;
      }
      BigDecimal centavos;
      try {
        BigDecimal number =
            value.isNumber() ? value.decimalValue() : BoundedNumbers.parse(textOf(value, field));
        // reais in decimal(14,2): at most 14 digits of centavos, a whole number of them
        centavos = BoundedNumbers.fit(number, RawTables.MONEY.precision(), 0);
      } catch (InvalidNumberException e) {
        throw new ItemException(
            where
                + ": "
                + field
                + ".value is not a whole number of centavos within "
                + RawTables.MONEY.precision()
                + " digits ("
                + e.getMessage()
                + ")");
      }
      JsonNode currencyNode = money.get("currency");
      String currency =
          currencyNode == null || currencyNode.isNull() ? null : currencyNode.asText();
      if (currency != null) {
        if (code != null && !code.equals(currency)) {
          throw new ItemException(where + ": money in two currencies");
        }
        code = currency;
      }
      return centavos.movePointLeft(RawTables.MONEY.scale());
    }

    private String textOf(JsonNode value, String field) throws ItemException {
      if (!value.isValueNode()) {
        throw new ItemException(where + ": " + field + ".value is not a number of centavos");
      }
      return value.asText();
    }
  }

  private static final class ItemException extends Exception {
    private static final long serialVersionUID = 1L;

    ItemException(String message) {
      super(message, null, false, false);
    }
  }
}
