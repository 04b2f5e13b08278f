package dev.lakehouse.ingest.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the JSON array an order's {@code items} string holds (python-style separators, money
 * objects with centavo strings) with the source's quirks: items not sorted by sequence, item and
 * garnish sequences interleaved, items without garnish (empty array), zero-price parents whose
 * garnish carries the price, half-and-half pizzas whose flavour name repeats under another
 * categoryId, notes and integration ids null or text. Reused from order to order; not thread safe.
 */
final class ItemsJsonWriter {
  private static final int MAX_ITEMS = 8;
  private static final List<String> NOTES =
      List.of(
          "sem cebola",
          "bem passado, por favor",
          "mandar sachês de ketchup e maionese",
          "tirar o tomate",
          "caprichar no \"molho da casa\"",
          "sem gelo",
          "troco para 50",
          "não tocar a campainha, bebê dormindo",
          "cortar em 8 pedaços",
          "SEM PIMENTA");

  private final StringBuilder[] items = new StringBuilder[MAX_ITEMS];
  private final int[] arrayOrder = new int[MAX_ITEMS];
  private final StringBuilder garnish = new StringBuilder(2048);
  private final boolean[] chosen = new boolean[16];
  private long totalCentavos;
  private int nextSequence;

  ItemsJsonWriter() {
    for (int i = 0; i < MAX_ITEMS; i++) {
      items[i] = new StringBuilder(1024);
    }
  }

  /** Appends one order's items array; returns the sum of the items' totalValue, in centavos. */
  long append(StringBuilder out, SplittableRandom random, Menu.Cuisine cuisine) {
    int count = itemCount(random);
    totalCentavos = 0;
    nextSequence = 1;
    boolean endsWithDrink = count > 1 && RandomText.chance(random, 0.5);
    for (int k = 0; k < count; k++) {
      Menu.MenuItem item =
          endsWithDrink && k == count - 1
              ? RandomText.pick(random, Menu.DRINKS)
              : RandomText.pick(random, cuisine.items());
      items[k].setLength(0);
      appendItem(items[k], random, item);
      arrayOrder[k] = k;
    }
    if (count > 1 && RandomText.chance(random, 0.4)) {
      for (int i = count - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = arrayOrder[i];
        arrayOrder[i] = arrayOrder[j];
        arrayOrder[j] = swap;
      }
    }
    out.append('[');
    for (int k = 0; k < count; k++) {
      if (k > 0) {
        out.append(", ");
      }
      out.append(items[arrayOrder[k]]);
    }
    out.append(']');
    return totalCentavos;
  }

  private static int itemCount(SplittableRandom random) {
    double u = random.nextDouble();
    if (u < 0.50) {
      return 1;
    } else if (u < 0.78) {
      return 2;
    } else if (u < 0.90) {
      return 3;
    } else if (u < 0.96) {
      return 4;
    }
    return 5 + random.nextInt(MAX_ITEMS - 4);
  }

  private void appendItem(StringBuilder out, SplittableRandom random, Menu.MenuItem item) {
    int sequence = nextSequence++;
    long quantity = itemQuantity(random);
    garnish.setLength(0);
    long garnishPerUnit = appendGarnish(random, item);
    long unitPrice = item.priceCentavos();
    long discount =
        unitPrice > 0 && RandomText.chance(random, 0.04)
            ? unitPrice * (10 + random.nextInt(21)) / 100
            : 0;
    long totalAddition = garnishPerUnit * quantity / 100;
    long totalDiscount = discount * quantity / 100;
    long totalValue = unitPrice * quantity / 100 + totalAddition - totalDiscount;
    totalCentavos += totalValue;

    out.append("{\"name\": ");
    JsonText.appendString(out, item.name());
    out.append(", \"addition\": ");
    appendMoney(out, garnishPerUnit);
    out.append(", \"discount\": ");
    appendMoney(out, discount);
    out.append(", \"quantity\": ");
    JsonText.appendHundredths(out, quantity);
    out.append(", \"sequence\": ").append(sequence);
    out.append(", \"unitPrice\": ");
    appendMoney(out, unitPrice);
    out.append(", \"externalId\": \"");
    RandomText.appendHex32(out, random);
    out.append("\", \"totalValue\": ");
    appendMoney(out, totalValue);
    out.append(", \"customerNote\": ");
    JsonText.appendString(
        out, RandomText.chance(random, 0.12) ? RandomText.pick(random, NOTES) : null);
    out.append(", \"garnishItems\": [").append(garnish).append(']');
    out.append(", \"integrationId\": ");
    appendIntegrationId(out, random, 0.3);
    out.append(", \"totalAddition\": ");
    appendMoney(out, totalAddition);
    out.append(", \"totalDiscount\": ");
    appendMoney(out, totalDiscount);
    out.append('}');
  }

  /** Quantity in hundredths: mostly 1.00, sometimes 2.00 to 6.00, rarely 0.50. */
  private static long itemQuantity(SplittableRandom random) {
    double u = random.nextDouble();
    if (u < 0.85) {
      return 100;
    } else if (u < 0.95) {
      return 200;
    } else if (u < 0.99) {
      return 300 + 100L * random.nextInt(4);
    }
    return 50;
  }

  /**
   * Appends the garnish items of one item to {@link #garnish}; returns their price per unit of the
   * item.
   */
  private long appendGarnish(SplittableRandom random, Menu.MenuItem item) {
    long perUnit = 0;
    List<Menu.GarnishGroup> groups = item.groups();
    int firstPlainGroup = 0;
    if (item.halfAndHalf()) {
      Menu.GarnishGroup firstHalf = groups.get(0);
      Menu.GarnishGroup secondHalf = groups.get(1);
      Menu.GarnishOption first = RandomText.pick(random, firstHalf.options());
      Menu.GarnishOption second =
          RandomText.chance(random, 0.3) ? first : RandomText.pick(random, secondHalf.options());
      perUnit += appendGarnishItem(random, first.name(), first.priceCentavos() / 2, firstHalf);
      perUnit += appendGarnishItem(random, second.name(), second.priceCentavos() / 2, secondHalf);
      firstPlainGroup = 2;
    }
    for (int g = firstPlainGroup; g < groups.size(); g++) {
      Menu.GarnishGroup group = groups.get(g);
      int picks =
          group.min() == 0 && RandomText.chance(random, 0.5)
              ? 0
              : Math.max(1, group.min())
                  + random.nextInt(group.max() - Math.max(1, group.min()) + 1);
      int options = group.options().size();
      java.util.Arrays.fill(chosen, 0, options, false);
      for (int p = 0; p < picks; p++) {
        int option = random.nextInt(options);
        while (chosen[option]) {
          option = (option + 1) % options;
        }
        chosen[option] = true;
        Menu.GarnishOption picked = group.options().get(option);
        perUnit += appendGarnishItem(random, picked.name(), picked.priceCentavos(), group);
      }
    }
    return perUnit;
  }

  private long appendGarnishItem(
      SplittableRandom random, String name, long unitPrice, Menu.GarnishGroup group) {
    long quantity = RandomText.chance(random, 0.05) ? 200 : 100;
    long totalValue = unitPrice * quantity / 100;
    StringBuilder out = garnish;
    if (out.length() > 0) {
      out.append(", ");
    }
    out.append("{\"name\": ");
    JsonText.appendString(out, name);
    out.append(", \"addition\": ");
    appendMoney(out, 0);
    out.append(", \"discount\": ");
    appendMoney(out, 0);
    out.append(", \"quantity\": ");
    JsonText.appendHundredths(out, quantity);
    out.append(", \"sequence\": ").append(nextSequence++);
    out.append(", \"unitPrice\": ");
    appendMoney(out, unitPrice);
    out.append(", \"categoryId\": \"").append(group.categoryId());
    out.append("\", \"categoryName\": ");
    JsonText.appendString(out, group.categoryName());
    out.append(", \"externalId\": \"");
    RandomText.appendHex32(out, random);
    out.append("\", \"totalValue\": ");
    appendMoney(out, totalValue);
    out.append(", \"integrationId\": ");
    appendIntegrationId(out, random, 0.25);
    out.append('}');
    return totalValue;
  }

  private static void appendIntegrationId(
      StringBuilder out, SplittableRandom random, double share) {
    if (RandomText.chance(random, share)) {
      out.append('"');
      RandomText.appendDigits(out, random, 6);
      out.append('"');
    } else {
      out.append("null");
    }
  }

  /**
   * A money object: {@code {"value": "2800", "currency": "BRL"}}, the value a string in centavos.
   */
  static void appendMoney(StringBuilder out, long centavos) {
    out.append("{\"value\": \"").append(centavos).append("\", \"currency\": \"BRL\"}");
  }
}
