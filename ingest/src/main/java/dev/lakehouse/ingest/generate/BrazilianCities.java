package dev.lakehouse.ingest.generate;

import java.time.zone.ZoneRules;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cities orders are delivered in, most popular first, with a Zipf-like popularity: the first few
 * take most orders. Zones cover UTC-2 (São Paulo in summer time, January 2019) to UTC-5 (Rio Branco).
 */
final class BrazilianCities {
  static final List<BrazilianCity> ALL = List.of(
      city("SAO PAULO", "SP", "America/Sao_Paulo", -23.5505, -46.6333, 1000, 5999, "11",
          "PINHEIROS", "MOOCA", "VILA MARIANA", "SANTANA", "ITAQUERA", "BELA VISTA", "TATUAPE"),
      city("RIO DE JANEIRO", "RJ", "America/Sao_Paulo", -22.9068, -43.1729, 20000, 23799, "21",
          "COPACABANA", "TIJUCA", "BARRA DA TIJUCA", "BOTAFOGO", "MEIER", "CAMPO GRANDE"),
      city("BELO HORIZONTE", "MG", "America/Sao_Paulo", -19.9167, -43.9345, 30000, 31999, "31",
          "SAVASSI", "PAMPULHA", "BURITIS", "CENTRO", "FUNCIONARIOS"),
      city("FRANCA", "SP", "America/Sao_Paulo", -20.5386, -47.4008, 14400, 14414, "16",
          "CENTRO", "CIDADE NOVA", "JARDIM PAULISTANO", "VILA APARECIDA", "JARDIM AEROPORTO", "SAO JOSE"),
      city("RECIFE", "PE", "America/Recife", -8.0476, -34.8770, 50000, 52999, "81",
          "BOA VIAGEM", "CASA FORTE", "ESPINHEIRO", "GRACAS", "MADALENA"),
      city("FORTALEZA", "CE", "America/Fortaleza", -3.7319, -38.5267, 60000, 61599, "85",
          "ALDEOTA", "MEIRELES", "FATIMA", "MESSEJANA", "BENFICA"),
      city("SALVADOR", "BA", "America/Bahia", -12.9777, -38.5016, 40000, 42499, "71",
          "PITUBA", "BARRA", "RIO VERMELHO", "ITAPUA", "BROTAS"),
      city("CURITIBA", "PR", "America/Sao_Paulo", -25.4284, -49.2733, 80000, 82999, "41",
          "BATEL", "AGUA VERDE", "PORTAO", "BOQUEIRAO", "CENTRO CIVICO"),
      city("BRASILIA", "DF", "America/Sao_Paulo", -15.7939, -47.8828, 70000, 72799, "61",
          "ASA NORTE", "ASA SUL", "AGUAS CLARAS", "TAGUATINGA", "GUARA"),
      city("MANAUS", "AM", "America/Manaus", -3.1190, -60.0217, 69000, 69099, "92",
          "ADRIANOPOLIS", "PONTA NEGRA", "CIDADE NOVA", "FLORES", "ALEIXO"),
      city("BELEM", "PA", "America/Belem", -1.4558, -48.4902, 66000, 66999, "91",
          "NAZARE", "UMARIZAL", "MARCO", "BATISTA CAMPOS", "PEDREIRA"),
      city("PORTO ALEGRE", "RS", "America/Sao_Paulo", -30.0346, -51.2177, 90000, 91999, "51",
          "MOINHOS DE VENTO", "MENINO DEUS", "PETROPOLIS", "CIDADE BAIXA", "BOM FIM"),
      city("CAMPINAS", "SP", "America/Sao_Paulo", -22.9056, -47.0608, 13000, 13139, "19",
          "CAMBUI", "TAQUARAL", "BARAO GERALDO", "CASTELO", "GUANABARA"),
      city("RIBEIRAO PRETO", "SP", "America/Sao_Paulo", -21.1775, -47.8103, 14000, 14114, "16",
          "JARDIM IRAJA", "CENTRO", "JARDIM BOTANICO", "CAMPOS ELISEOS", "VILA TIBERIO"),
      city("GOIANIA", "GO", "America/Sao_Paulo", -16.6869, -49.2648, 74000, 74899, "62",
          "SETOR BUENO", "SETOR MARISTA", "SETOR OESTE", "JARDIM GOIAS"),
      city("SAO LUIS", "MA", "America/Fortaleza", -2.5307, -44.3068, 65000, 65109, "98",
          "RENASCENCA", "COHAMA", "CALHAU", "PONTA D'AREIA"),
      city("NATAL", "RN", "America/Fortaleza", -5.7945, -35.2110, 59000, 59161, "84",
          "PONTA NEGRA", "TIROL", "PETROPOLIS", "LAGOA NOVA"),
      city("MACEIO", "AL", "America/Maceio", -9.6498, -35.7089, 57000, 57099, "82",
          "PAJUCARA", "PONTA VERDE", "JATIUCA", "FAROL"),
      city("JOAO PESSOA", "PB", "America/Fortaleza", -7.1195, -34.8450, 58000, 58099, "83",
          "MANAIRA", "TAMBAU", "CABO BRANCO", "BANCARIOS"),
      city("TERESINA", "PI", "America/Fortaleza", -5.0920, -42.8038, 64000, 64099, "86",
          "JOCKEY", "FATIMA", "CENTRO", "SAO CRISTOVAO"),
      city("FLORIANOPOLIS", "SC", "America/Sao_Paulo", -27.5954, -48.5480, 88000, 88099, "48",
          "TRINDADE", "CENTRO", "CANASVIEIRAS", "ESTREITO"),
      city("CUIABA", "MT", "America/Cuiaba", -15.6014, -56.0979, 78000, 78109, "65",
          "GOIABEIRAS", "CONSIL", "DUQUE DE CAXIAS", "JARDIM DAS AMERICAS"),
      city("CAMPO GRANDE", "MS", "America/Campo_Grande", -20.4697, -54.6201, 79000, 79124, "67",
          "CENTRO", "JARDIM DOS ESTADOS", "CARANDA", "TIRADENTES"),
      city("ARACAJU", "SE", "America/Maceio", -10.9472, -37.0731, 49000, 49099, "79",
          "ATALAIA", "JARDINS", "GRAGERU", "SALGADO FILHO"),
      city("PORTO VELHO", "RO", "America/Porto_Velho", -8.7612, -63.9004, 76800, 76834, "69",
          "OLARIA", "CENTRO", "NOVA PORTO VELHO", "EMBRATEL"),
      city("BOA VISTA", "RR", "America/Boa_Vista", 2.8235, -60.6758, 69300, 69339, "95",
          "CENTRO", "CAIMBE", "PARAVIANA", "MECEJANA"),
      city("RIO BRANCO", "AC", "America/Rio_Branco", -9.9754, -67.8249, 69900, 69923, "68",
          "BOSQUE", "CENTRO", "ESTACAO EXPERIMENTAL", "ABRAAO ALAB"));

  private static final ZoneRules[] RULES = ALL.stream().map(BrazilianCity::zoneRules).toArray(ZoneRules[]::new);
  private static final ZipfSampler POPULARITY = new ZipfSampler(ALL.size(), 1.1, 0.5);

  private BrazilianCities() {}

  static BrazilianCity get(int index) {
    return ALL.get(index);
  }

  static ZoneRules rules(int index) {
    return RULES[index];
  }

  /** A city index drawn by popularity. */
  static int popular(SplittableRandom random) {
    return POPULARITY.sample(random);
  }

  private static BrazilianCity city(String name, String state, String zone, double latitude, double longitude,
      int zipFrom, int zipTo, String phoneArea, String... districts) {
    return new BrazilianCity(name, state, zone, latitude, longitude, zipFrom, zipTo, phoneArea, List.of(districts));
  }
}
