package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakehouse.common.contract.Dataset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every quirk of the source data is present in a sample of 5,000 orders without bad lines. */
class FoodDeliveryGeneratorQuirksTest {
  private static final long ORDERS = 5_000;
  private static GeneratedSample sample;
  private static List<JsonNode> orders;
  private static List<String> orderLines;
  private static List<JsonNode> statuses;
  private static List<String> statusLines;
  private static Map<String, List<JsonNode>> ordersById;
  private static Map<String, List<JsonNode>> statusesByOrder;

  @BeforeAll
  static void generate() {
    sample = GeneratedSample.of(7, ORDERS, 0.0);
    orderLines =
        SourceFiles.lines(sample.file("order.json.gz")).stream().map(SourceFiles::text).toList();
    orders = orderLines.stream().map(SourceFiles::parse).toList();
    statusLines =
        SourceFiles.lines(sample.file("status.json.gz")).stream().map(SourceFiles::text).toList();
    statuses = statusLines.stream().map(SourceFiles::parse).toList();
    ordersById =
        orders.stream()
            .collect(
                Collectors.groupingBy(
                    o -> o.get("order_id").asText(), LinkedHashMap::new, Collectors.toList()));
    statusesByOrder =
        statuses.stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.get("order_id").asText(), LinkedHashMap::new, Collectors.toList()));
  }

  @Test
  void jsonFieldsComeInContractOrderWithTheSourceTypes() {
    for (JsonNode order : orders) {
      assertThat(fieldNames(order)).isEqualTo(Dataset.ORDER.fieldNames());
      assertThat(order.get("cpf").isTextual()).isTrue();
      assertThat(order.get("cpf").asText()).matches("\\d{11}");
      assertThat(order.get("items").isTextual()).isTrue();
      assertThat(order.get("order_total_amount").isNumber()).isTrue();
      assertThat(order.get("order_scheduled").isBoolean()).isTrue();
      assertThat(order.get("order_created_at").asText())
          .matches("201[89]-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z");
      assertThat(order.get("delivery_address_zip_code").asText()).matches("\\d{5}");
      assertThat(order.get("delivery_address_country").asText()).isEqualTo("BR");
      assertThat(order.get("delivery_address_external_id").asText()).matches("\\d+");
      assertThat(order.get("merchant_latitude").isTextual()).isTrue();
      assertThat(order.get("delivery_address_latitude").isNumber()).isTrue();
    }
    for (JsonNode status : statuses) {
      assertThat(fieldNames(status)).isEqualTo(Dataset.ORDER_STATUS.fieldNames());
      assertThat(status.get("created_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(status.get("value").asText())
          .isIn("REGISTERED", "PLACED", "CONCLUDED", "CANCELLED");
    }
    assertThat(orders).anySatisfy(o -> assertThat(o.get("cpf").asText()).startsWith("0"));
    assertThat(orders)
        .anySatisfy(o -> assertThat(o.get("order_scheduled_date").isTextual()).isTrue());
    assertThat(orders.stream().filter(o -> o.get("order_scheduled_date").isNull()).count())
        .isGreaterThan(ORDERS * 9 / 10);
    assertThat(
            orders.stream().map(o -> o.get("origin_platform").asText()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("ANDROID", "IOS", "DESKTOP");
  }

  @Test
  void latitudeAndLongitudeAreSwapped() {
    for (JsonNode order : orders) {
      // Brazil: latitudes between -34 and +6, longitudes between -74 and -34
      assertThat(order.get("delivery_address_latitude").asDouble()).isBetween(-74.0, -34.5);
      assertThat(order.get("delivery_address_longitude").asDouble()).isBetween(-34.0, 6.0);
      assertThat(Double.parseDouble(order.get("merchant_latitude").asText()))
          .isBetween(-74.0, -34.5);
      assertThat(Double.parseDouble(order.get("merchant_longitude").asText()))
          .isBetween(-34.0, 6.0);
    }
    JsonNode franca =
        orders.stream()
            .filter(o -> o.get("delivery_address_city").asText().equals("FRANCA"))
            .findFirst()
            .orElseThrow();
    assertThat(franca.get("delivery_address_latitude").asDouble())
        .isCloseTo(-47.40, org.assertj.core.data.Offset.offset(0.1));
    assertThat(franca.get("delivery_address_longitude").asDouble())
        .isCloseTo(-20.54, org.assertj.core.data.Offset.offset(0.1));
    assertThat(franca.get("delivery_address_state").asText()).isEqualTo("SP");
    assertThat(franca.get("merchant_timezone").asText()).isEqualTo("America/Sao_Paulo");
  }

  @Test
  void someOrdersHaveANullCustomerId() {
    long nulls = orders.stream().filter(o -> o.get("customer_id").isNull()).count();
    assertThat(nulls).isBetween(ORDERS / 300, ORDERS / 50);
  }

  @Test
  void duplicatedOrdersDifferOnlyInCpfAndCreatedAtAboutThirtyDaysApart() {
    List<List<JsonNode>> duplicated =
        ordersById.values().stream().filter(copies -> copies.size() > 1).toList();
    assertThat(duplicated.size()).isBetween((int) (ORDERS / 200), (int) (ORDERS / 50));
    for (List<JsonNode> copies : duplicated) {
      assertThat(copies).hasSize(2);
      JsonNode a = copies.get(0);
      JsonNode b = copies.get(1);
      for (String field : Dataset.ORDER.fieldNames()) {
        if (!field.equals("cpf") && !field.equals("order_created_at")) {
          assertThat(a.get(field)).as(field).isEqualTo(b.get(field));
        }
      }
      assertThat(a.get("cpf")).isNotEqualTo(b.get("cpf"));
      Duration apart =
          Duration.between(instant(a, "order_created_at"), instant(b, "order_created_at")).abs();
      assertThat(apart).isBetween(Duration.ofDays(29), Duration.ofDays(31));
      // statuses match the true copy only
      Instant registered =
          statusesByOrder.get(a.get("order_id").asText()).stream()
              .filter(s -> s.get("value").asText().equals("REGISTERED"))
              .map(s -> instant(s, "created_at"))
              .min(Instant::compareTo)
              .orElseThrow();
      long matching =
          copies.stream()
              .filter(
                  c ->
                      instant(c, "order_created_at")
                          .atOffset(ZoneOffset.UTC)
                          .toLocalDate()
                          .equals(registered.atOffset(ZoneOffset.UTC).toLocalDate()))
              .count();
      assertThat(matching).isEqualTo(1);
    }
  }

  @Test
  void manyOrdersHaveALocalDateOtherThanTheirUtcDate() {
    long differing = 0;
    long nearMidnight = 0;
    for (JsonNode order : ordersById.values().stream().map(copies -> copies.get(0)).toList()) {
      Instant created = instant(order, "order_created_at");
      ZoneId zone = ZoneId.of(order.get("merchant_timezone").asText());
      LocalDate local = created.atZone(zone).toLocalDate();
      if (!local.equals(created.atOffset(ZoneOffset.UTC).toLocalDate())) {
        differing++;
      }
      int hour = created.atZone(zone).getHour();
      if (hour == 23 || hour == 0) {
        nearMidnight++;
      }
    }
    assertThat(differing).isGreaterThan(ORDERS / 10);
    assertThat(nearMidnight).isGreaterThan(ORDERS / 20);
    Set<String> zones =
        orders.stream().map(o -> o.get("merchant_timezone").asText()).collect(Collectors.toSet());
    assertThat(zones)
        .contains(
            "America/Sao_Paulo",
            "America/Recife",
            "America/Fortaleza",
            "America/Bahia",
            "America/Manaus",
            "America/Belem");
  }

  @Test
  void merchantsAndCustomersJoinTheCsvFiles() {
    Set<String> restaurantIds =
        csvRows("restaurant.csv.gz").stream().map(r -> r.get(0)).collect(Collectors.toSet());
    Map<String, List<String>> restaurantsById =
        csvRows("restaurant.csv.gz").stream().collect(Collectors.toMap(r -> r.get(0), r -> r));
    Set<String> consumerIds =
        csvRows("consumer.csv.gz").stream().map(r -> r.get(0)).collect(Collectors.toSet());
    for (JsonNode order : orders) {
      assertThat(restaurantIds).contains(order.get("merchant_id").asText());
      if (!order.get("customer_id").isNull()) {
        assertThat(consumerIds).contains(order.get("customer_id").asText());
      }
    }
    long sameCity =
        orders.stream()
            .filter(
                o ->
                    restaurantsById
                        .get(o.get("merchant_id").asText())
                        .get(9)
                        .equals(o.get("delivery_address_city").asText()))
            .count();
    assertThat(sameCity).isGreaterThan(ORDERS * 95 / 100);
  }

  @Test
  void itemsAreAJsonArrayStringWithEveryQuirk() {
    boolean withoutGarnish = false;
    boolean withGarnish = false;
    boolean zeroPriceParentPaidByGarnish = false;
    boolean repeatedGarnishNameOtherCategory = false;
    boolean notSortedBySequence = false;
    boolean noteNull = false;
    boolean noteText = false;
    boolean integrationNull = false;
    boolean integrationText = false;
    boolean quantityNotOne = false;
    for (int i = 0; i < orders.size(); i++) {
      JsonNode order = orders.get(i);
      JsonNode items = SourceFiles.parse(order.get("items").asText());
      assertThat(items.isArray()).isTrue();
      assertThat(items.size()).isPositive();
      long totalCentavos = 0;
      List<Integer> itemSequences = new ArrayList<>();
      Set<Integer> allSequences = new HashSet<>();
      for (JsonNode item : items) {
        assertThat(fieldNames(item))
            .containsExactly(
                "name",
                "addition",
                "discount",
                "quantity",
                "sequence",
                "unitPrice",
                "externalId",
                "totalValue",
                "customerNote",
                "garnishItems",
                "integrationId",
                "totalAddition",
                "totalDiscount");
        for (String money :
            List.of(
                "addition",
                "discount",
                "unitPrice",
                "totalValue",
                "totalAddition",
                "totalDiscount")) {
          assertMoney(item.get(money));
        }
        assertThat(item.get("quantity").isNumber()).isTrue();
        assertThat(item.get("externalId").asText()).matches("[0-9a-f]{32}");
        totalCentavos += Long.parseLong(item.get("totalValue").get("value").asText());
        itemSequences.add(item.get("sequence").asInt());
        allSequences.add(item.get("sequence").asInt());
        noteNull |= item.get("customerNote").isNull();
        noteText |= item.get("customerNote").isTextual();
        integrationNull |= item.get("integrationId").isNull();
        integrationText |= item.get("integrationId").isTextual();
        quantityNotOne |= item.get("quantity").asDouble() != 1.0;
        JsonNode garnish = item.get("garnishItems");
        assertThat(garnish.isArray()).isTrue();
        withoutGarnish |= garnish.isEmpty();
        withGarnish |= !garnish.isEmpty();
        long garnishTotal = 0;
        Map<String, String> categoryByName = new HashMap<>();
        for (JsonNode g : garnish) {
          assertThat(fieldNames(g))
              .containsExactly(
                  "name",
                  "addition",
                  "discount",
                  "quantity",
                  "sequence",
                  "unitPrice",
                  "categoryId",
                  "categoryName",
                  "externalId",
                  "totalValue",
                  "integrationId");
          assertMoney(g.get("unitPrice"));
          assertMoney(g.get("totalValue"));
          assertThat(g.get("externalId").asText()).matches("[0-9a-f]{32}");
          garnishTotal += Long.parseLong(g.get("totalValue").get("value").asText());
          allSequences.add(g.get("sequence").asInt());
          String other = categoryByName.put(g.get("name").asText(), g.get("categoryId").asText());
          repeatedGarnishNameOtherCategory |=
              other != null && !other.equals(g.get("categoryId").asText());
        }
        zeroPriceParentPaidByGarnish |=
            item.get("unitPrice").get("value").asText().equals("0") && garnishTotal > 0;
      }
      // item and garnish sequences interleave: together they number 1..n
      assertThat(allSequences)
          .hasSize(allSequences.stream().mapToInt(Integer::intValue).max().orElseThrow());
      notSortedBySequence |= !itemSequences.equals(itemSequences.stream().sorted().toList());
      assertThat(order.get("order_total_amount").decimalValue().movePointRight(2).longValueExact())
          .isEqualTo(totalCentavos);
      assertThat(orderLines.get(i))
          .contains("\\\"quantity\\\": ")
          .containsPattern("\\\\\"quantity\\\\\": \\d+\\.\\d\\d,");
    }
    assertThat(withoutGarnish).as("items without garnish").isTrue();
    assertThat(withGarnish).as("items with garnish").isTrue();
    assertThat(zeroPriceParentPaidByGarnish)
        .as("zero-price parent whose garnish carries the price")
        .isTrue();
    assertThat(repeatedGarnishNameOtherCategory)
        .as("half-and-half: garnish name under two categoryIds")
        .isTrue();
    assertThat(notSortedBySequence).as("items not sorted by sequence").isTrue();
    assertThat(noteNull && noteText).as("customerNote null and text").isTrue();
    assertThat(integrationNull && integrationText).as("integrationId null and text").isTrue();
    assertThat(quantityNotOne).isTrue();
    assertThat(orderLines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("{\\\"value\\\": \\\"0\\\", \\\"currency\\\": \\\"BRL\\\"}"));
  }

  @Test
  void statusesFollowTheFlowsWithDuplicatesAndAreNotInTimeOrder() {
    Set<String> mainOrderIds = ordersById.keySet();
    assertThat(statusesByOrder.keySet()).isEqualTo(mainOrderIds);
    int maxRows = 0;
    boolean resentOnAnotherDay = false;
    long outOfOrder = 0;
    Set<String> flows = new HashSet<>();
    for (Map.Entry<String, List<JsonNode>> entry : statusesByOrder.entrySet()) {
      List<JsonNode> rows = entry.getValue();
      maxRows = Math.max(maxRows, rows.size());
      assertThat(rows.size()).isLessThanOrEqualTo(10);
      List<Instant> fileOrder = rows.stream().map(s -> instant(s, "created_at")).toList();
      if (!fileOrder.equals(fileOrder.stream().sorted().toList())) {
        outOfOrder++;
      }
      Map<String, Instant> firstByValue = new HashMap<>();
      Map<String, Set<String>> idsByValue = new HashMap<>();
      Map<String, Set<LocalDate>> daysByValue = new HashMap<>();
      for (JsonNode row : rows) {
        String value = row.get("value").asText();
        firstByValue.merge(value, instant(row, "created_at"), (x, y) -> x.isBefore(y) ? x : y);
        idsByValue.computeIfAbsent(value, v -> new HashSet<>()).add(row.get("status_id").asText());
        daysByValue
            .computeIfAbsent(value, v -> new HashSet<>())
            .add(instant(row, "created_at").atOffset(ZoneOffset.UTC).toLocalDate());
      }
      for (String value : idsByValue.keySet()) {
        resentOnAnotherDay |= idsByValue.get(value).size() > 1 && daysByValue.get(value).size() > 1;
      }
      String flow =
          firstByValue.entrySet().stream()
              .sorted(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .collect(Collectors.joining(">"));
      flows.add(flow);
      if (firstByValue.containsKey("PLACED")) {
        Duration placed =
            Duration.between(firstByValue.get("REGISTERED"), firstByValue.get("PLACED"));
        assertThat(placed).isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
      }
      // the REGISTERED status is at the true order's creation second
      Instant registered = firstByValue.get("REGISTERED");
      assertThat(ordersById.get(entry.getKey()))
          .anySatisfy(
              o ->
                  assertThat(instant(o, "order_created_at"))
                      .isEqualTo(registered.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }
    assertThat(flows)
        .containsExactlyInAnyOrder(
            "REGISTERED>PLACED>CONCLUDED",
            "REGISTERED>PLACED>CANCELLED",
            "REGISTERED>CANCELLED",
            "REGISTERED",
            "REGISTERED>PLACED");
    assertThat(maxRows).isEqualTo(10);
    assertThat(resentOnAnotherDay)
        .as("distinct status_ids with the same value on different days")
        .isTrue();
    assertThat(outOfOrder)
        .as("orders whose statuses are not in time order in the file")
        .isGreaterThan(ORDERS / 10);
    assertThat(new HashSet<>(statusLines))
        .hasSizeLessThan(statusLines.size()); // exact duplicate rows
  }

  @Test
  void consumerCsvQuotesRoundTrip() {
    List<String> lines =
        SourceFiles.lines(sample.file("consumer.csv.gz")).stream().map(SourceFiles::text).toList();
    assertThat(lines.get(0)).isEqualTo(String.join(",", Dataset.CONSUMER.fieldNames()));
    List<List<String>> rows = csvRows("consumer.csv.gz");
    assertThat(rows).hasSize((int) sample.options().consumers());
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(7));
    assertThat(rows.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(rows.size());
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.get(0))
                  .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
              assertThat(r.get(2)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
              assertThat(r.get(3)).isIn("true", "false");
              assertThat(r.get(5)).matches("\\d{2}");
              assertThat(r.get(6)).matches("\\d{9}");
            });
    assertThat(rows).anySatisfy(r -> assertThat(r.get(4)).isNull());
    assertThat(rows).anySatisfy(r -> assertThat(r.get(4)).contains(","));
    assertThat(rows).anySatisfy(r -> assertThat(r.get(4)).contains("\""));
    assertThat(rows).anySatisfy(r -> assertThat(r.get(4)).isUpperCase());
    assertThat(rows).anySatisfy(r -> assertThat(r.get(4)).isLowerCase());
    assertThat(rows.stream().map(r -> r.get(1)).collect(Collectors.toSet()))
        .contains("pt-br", "es-ar");
    assertThat(rows.stream().map(r -> r.get(3)).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("true", "false");
    // the quoted lines re-render to the same text
    for (int i = 1; i < lines.size(); i++) {
      assertThat(CsvLineWriter.row(rows.get(i - 1).toArray(String[]::new))).isEqualTo(lines.get(i));
    }
  }

  @Test
  void restaurantCsvHasItsColumnsAndGaps() {
    List<String> header =
        SourceFiles.csvCells(
            SourceFiles.text(SourceFiles.lines(sample.file("restaurant.csv.gz")).get(0)));
    assertThat(header).isEqualTo(Dataset.RESTAURANT.fieldNames());
    List<List<String>> rows = csvRows("restaurant.csv.gz");
    assertThat(rows).hasSize(sample.options().restaurants());
    assertThat(rows.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(rows.size());
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r).hasSize(12);
              assertThat(Integer.parseInt(r.get(3))).isBetween(1, 5);
              Double.parseDouble(r.get(4));
              Integer.parseInt(r.get(5));
              assertThat(r.get(8)).matches("\\d{5}");
              assertThat(r.get(10)).matches("[A-Z]{2}");
              assertThat(r.get(11)).isEqualTo("BR");
            });
    assertThat(rows).anySatisfy(r -> assertThat(r.get(7)).isNull());
    assertThat(rows.stream().filter(r -> r.get(6) == null).count()).isLessThan(rows.size() / 10);
  }

  private static List<List<String>> csvRows(String fileName) {
    List<String> lines =
        SourceFiles.lines(sample.file(fileName)).stream().map(SourceFiles::text).toList();
    return lines.subList(1, lines.size()).stream().map(SourceFiles::csvCells).toList();
  }

  private static void assertMoney(JsonNode money) {
    assertThat(fieldNames(money)).containsExactly("value", "currency");
    assertThat(money.get("value").isTextual()).isTrue();
    assertThat(money.get("value").asText()).matches("\\d+");
    assertThat(money.get("currency").asText()).isEqualTo("BRL");
  }

  static Instant instant(JsonNode node, String field) {
    return Instant.parse(node.get(field).asText());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
