package dev.lakehouse.ingest.generate;

import java.util.List;

/**
 * What restaurants sell, by cuisine: items with a price in centavos and their garnish groups. A
 * price of 0 marks a parent item whose garnish carries the price (half-and-half pizza,
 * build-your-own açaí).
 */
final class Menu {
  /** One option of a garnish group. */
  record GarnishOption(String name, int priceCentavos) {}

  /**
   * A garnish category: how many options a customer picks ({@code min..max}) among {@code options}.
   */
  record GarnishGroup(
      String categoryId, String categoryName, int min, int max, List<GarnishOption> options) {
    GarnishGroup {
      options = List.copyOf(options);
    }
  }

  /**
   * A menu item. When {@code halfAndHalf}, its first two groups are the two halves of a pizza drawn
   * from the same flavours, so a flavour name can repeat under two category ids.
   */
  record MenuItem(String name, int priceCentavos, boolean halfAndHalf, List<GarnishGroup> groups) {
    MenuItem {
      groups = List.copyOf(groups);
    }
  }

  /** A restaurant's cuisine and its items. */
  enum Cuisine {
    PIZZA,
    BURGER,
    JAPANESE,
    ACAI,
    BRAZILIAN,
    ARABIC;

    List<MenuItem> items() {
      return ITEMS.get(ordinal());
    }
  }

  static final List<MenuItem> DRINKS =
      List.of(
          item("COCA-COLA 2L", 1199),
          item("GUARANÁ ANTARCTICA LATA 350ML", 599),
          item("ÁGUA MINERAL SEM GÁS 500ML", 399),
          item("SUCO DE LARANJA NATURAL 500ML", 899),
          item("CERVEJA HEINEKEN LONG NECK", 990));

  private static final List<GarnishOption> PIZZA_FLAVOURS =
      List.of(
          option("CALABRESA", 2490),
          option("MUSSARELA", 2290),
          option("PORTUGUESA", 2790),
          option("FRANGO COM CATUPIRY", 2890),
          option("QUATRO QUEIJOS", 2990),
          option("MARGUERITA", 2690),
          option("PEPPERONI", 3190),
          option("BRIGADEIRO", 2790));
  private static final GarnishGroup BORDER =
      group(
          "2000311",
          "BORDA RECHEADA",
          0,
          1,
          option("CATUPIRY", 600),
          option("CHEDDAR", 600),
          option("CHOCOLATE", 800));
  private static final GarnishGroup BURGER_EXTRAS =
      group(
          "3101002",
          "ADICIONAIS",
          0,
          3,
          option("BACON", 400),
          option("CHEDDAR", 300),
          option("OVO", 200),
          option("HAMBÚRGUER EXTRA 150G", 790),
          option("CEBOLA CARAMELIZADA", 250));
  private static final GarnishGroup DONENESS =
      group(
          "3101003",
          "PONTO DA CARNE",
          0,
          1,
          option("MAL PASSADO", 0),
          option("AO PONTO", 0),
          option("BEM PASSADO", 0));
  private static final GarnishGroup TEMAKI_OPTIONS =
      group(
          "4100120",
          "OPCIONAIS",
          0,
          2,
          option("SEM CEBOLINHA", 0),
          option("SEM CREAM CHEESE", 0),
          option("COM GERGELIM", 0),
          option("EXTRA SALMÃO", 700));
  private static final GarnishGroup ACAI_SIZE =
      group(
          "5100001",
          "ESCOLHA O TAMANHO",
          1,
          1,
          option("AÇAÍ 300ML", 1290),
          option("AÇAÍ 500ML", 1790),
          option("AÇAÍ 700ML", 2290));
  private static final GarnishGroup ACAI_TOPPINGS =
      group(
          "5100002",
          "COMPLEMENTOS",
          0,
          4,
          option("GRANOLA", 0),
          option("LEITE EM PÓ", 0),
          option("BANANA", 0),
          option("LEITE CONDENSADO", 200),
          option("NUTELLA", 500),
          option("MORANGO", 300),
          option("PAÇOCA", 150));
  private static final GarnishGroup SIDES =
      group(
          "6100004",
          "ACOMPANHAMENTOS",
          1,
          3,
          option("ARROZ BRANCO", 0),
          option("FEIJÃO CARIOCA", 0),
          option("FAROFA", 0),
          option("SALADA", 0),
          option("BATATA FRITA", 0),
          option("VINAGRETE", 0));
  private static final GarnishGroup PROTEIN =
      group(
          "6100005",
          "PROTEÍNA",
          1,
          1,
          option("FILÉ DE FRANGO GRELHADO", 0),
          option("BIFE ACEBOLADO", 300),
          option("LINGUIÇA TOSCANA", 0),
          option("OMELETE", 0));
  private static final GarnishGroup SAUCES =
      group(
          "7100009",
          "MOLHOS",
          0,
          2,
          option("ALHO", 0),
          option("TAHINE", 150),
          option("PIMENTA SÍRIA", 0),
          option("COALHADA", 200));

  private static final List<List<MenuItem>> ITEMS =
      List.of(
          List.of(
              new MenuItem(
                  "PIZZA GRANDE MEIO A MEIO",
                  0,
                  true,
                  List.of(
                      new GarnishGroup("2000101", "1º SABOR", 1, 1, PIZZA_FLAVOURS),
                      new GarnishGroup("2000102", "2º SABOR", 1, 1, PIZZA_FLAVOURS),
                      BORDER)),
              item("PIZZA BROTO CALABRESA", 2190, BORDER),
              item("PIZZA GRANDE PORTUGUESA", 4590, BORDER),
              item("ESFIRRA DE CALABRESA", 690)),
          List.of(
              item("X-BURGER", 1990, BURGER_EXTRAS, DONENESS),
              item("X-SALADA", 2190, BURGER_EXTRAS, DONENESS),
              item("X-BACON", 2590, BURGER_EXTRAS, DONENESS),
              item("COMBO SMASH + FRITAS + REFRI", 3490, DONENESS),
              item("BATATA FRITA GRANDE", 1590)),
          List.of(
              item("COMBINADO 20 PEÇAS", 5990),
              item("TEMAKI SALMÃO COMPLETO", 2690, TEMAKI_OPTIONS),
              item("HOT ROLL 10 UNIDADES", 2290),
              item("YAKISOBA TRADICIONAL", 3290)),
          List.of(
              new MenuItem("MONTE SEU AÇAÍ", 0, false, List.of(ACAI_SIZE, ACAI_TOPPINGS)),
              item("AÇAÍ NA TIGELA 500ML", 1890, ACAI_TOPPINGS),
              item("CUPUAÇU 300ML", 1490)),
          List.of(
              item("MARMITEX GRANDE", 1890, SIDES, PROTEIN),
              item("PRATO FEITO", 2290, PROTEIN),
              item("FEIJOADA INDIVIDUAL", 3290),
              item("PASTEL DE CARNE", 890)),
          List.of(
              item("ESFIHA DE CARNE", 390),
              item("KIBE FRITO", 490),
              item("BEIRUTE DE FILÉ", 3490, SAUCES),
              item("SHAWARMA DE FRANGO", 2490, SAUCES)));

  private Menu() {}

  private static MenuItem item(String name, int priceCentavos, GarnishGroup... groups) {
    return new MenuItem(name, priceCentavos, false, List.of(groups));
  }

  private static GarnishOption option(String name, int priceCentavos) {
    return new GarnishOption(name, priceCentavos);
  }

  private static GarnishGroup group(
      String categoryId, String categoryName, int min, int max, GarnishOption... options) {
    return new GarnishGroup(categoryId, categoryName, min, max, List.of(options));
  }
}
