package dev.lakehouse.ingest.generate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * First names as customers type them: mixed case (Maria, MARIA, maria), accents, and now and then a
 * comma or a double quote (so CSV quoting and JSON escaping are exercised).
 */
final class PersonNames {
  private static final List<String> FIRST_NAMES =
      List.of(
          "Maria",
          "José",
          "Ana",
          "João",
          "Antônio",
          "Francisca",
          "Carlos",
          "Paulo",
          "Adriana",
          "Lucas",
          "Juliana",
          "Pedro",
          "Márcia",
          "Gabriel",
          "Fernanda",
          "Rafael",
          "Patrícia",
          "Daniel",
          "Aline",
          "Marcelo",
          "Sandra",
          "Bruno",
          "Camila",
          "Eduardo",
          "Amanda",
          "Felipe",
          "Bruna",
          "Rodrigo",
          "Letícia",
          "Gustavo",
          "Jéssica",
          "Matheus",
          "Luciana",
          "Thiago",
          "Vanessa",
          "Leonardo",
          "Mariana",
          "Diego",
          "Beatriz",
          "Vinícius",
          "Larissa",
          "Fábio",
          "Thaís",
          "Ricardo",
          "Débora",
          "André",
          "Natália",
          "Sebastião",
          "Raimunda",
          "Luiz",
          "Conceição",
          "Guilherme",
          "Isabela",
          "Igor",
          "Renata",
          "Caio",
          "Cláudia",
          "Otávio",
          "Priscila",
          "Wellington",
          "Joelma",
          "Cícero",
          "Valdirene",
          "Enzo",
          "Valentina",
          "Heitor",
          "Lorena",
          "Davi",
          "Yasmin",
          "Arthur");
  private static final List<String> SURNAMES =
      List.of("Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira");
  private static final List<String> NICKNAMES =
      List.of("Zé", "Aninha", "Juju", "Gabi", "Rafa", "Dudu");

  private static final String[] TITLE = FIRST_NAMES.toArray(String[]::new);
  private static final String[] UPPER =
      FIRST_NAMES.stream().map(n -> n.toUpperCase(Locale.ROOT)).toArray(String[]::new);
  private static final String[] LOWER =
      FIRST_NAMES.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);

  private PersonNames() {}

  /**
   * A first name in a random case; about 1% hold a comma ({@code Silva, Maria}) or quotes ({@code
   * Ana "Aninha"}).
   */
  static String firstName(SplittableRandom random) {
    int index = random.nextInt(TITLE.length);
    double style = random.nextDouble();
    String name;
    if (style < 0.55) {
      name = TITLE[index];
    } else if (style < 0.80) {
      name = UPPER[index];
    } else if (style < 0.97) {
      name = LOWER[index];
    } else {
      name = Character.toLowerCase(TITLE[index].charAt(0)) + UPPER[index].substring(1);
    }
    double quirk = random.nextDouble();
    if (quirk < 0.006) {
      return RandomText.pick(random, SURNAMES) + ", " + name;
    }
    if (quirk < 0.012) {
      return name + " \"" + RandomText.pick(random, NICKNAMES) + "\"";
    }
    return name;
  }
}
