package dev.lakehouse.streams.trusted;

import static dev.lakehouse.streams.trusted.TrustedInputs.consumer;
import static dev.lakehouse.streams.trusted.TrustedInputs.items;
import static dev.lakehouse.streams.trusted.TrustedInputs.order;
import static dev.lakehouse.streams.trusted.TrustedInputs.restaurant;
import static dev.lakehouse.streams.trusted.TrustedInputs.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustedTopologyTest {

  @Test
  void anOrderArrivingBeforeItsConsumerAndRestaurantIsPresentAndFilledInWhenTheyArrive() {
    try (TrustedDriver driver = new TrustedDriver()) {
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order(
              "o-1",
              "2019-01-17T22:50:06.000Z",
              "01234567890",
              "c-1",
              "m-1",
              "America/Sao_Paulo",
              items("X-BURGER", 2500, "BACON")));
      Map<String, Object> first = driver.current(Topics.TRUSTED_ORDER_ROWS).get("o-1").get(0);
      assertThat(first)
          .containsEntry("consumer_missing", true)
          .containsEntry("restaurant_missing", true);
      assertThat(first.get("consumer_language")).isNull();

      driver.pipe(Dataset.CONSUMER, "c-1", consumer("c-1", "Maria", "16999998888"));
      driver.pipe(Dataset.RESTAURANT, "m-1", restaurant("m-1", "FRANCA"));
      Map<String, Object> filled = driver.current(Topics.TRUSTED_ORDER_ROWS).get("o-1").get(0);
      assertThat(filled)
          .containsEntry("consumer_missing", false)
          .containsEntry("restaurant_missing", false)
          .containsEntry("consumer_language", "pt-br")
          .containsEntry("restaurant_merchant_city", "FRANCA");
      assertThat(driver.versions(Topics.TRUSTED_ORDER_ROWS))
          .as("the consumer and the restaurant arrived in one interval: one new version")
          .extracting(r -> r.get(TrustedTables.VERSION))
          .containsExactly(1L, 2L);
    }
  }

  @Test
  void theDataQualityCountersFollowTheCurrentOrdersAndAreMeasuredOnlyWhenTheyChange() {
    try (TrustedDriver driver = new TrustedDriver()) {
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order(
              "o-1",
              "2019-02-16T12:00:00.000Z",
              "111",
              "c-1",
              "m-1",
              "America/Sao_Paulo",
              items("A", 100, null)));
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order(
              "o-1",
              "2019-01-17T12:00:00.000Z",
              "222",
              "c-1",
              "m-1",
              "America/Sao_Paulo",
              items("A", 100, null)));
      driver.pipe(
          Dataset.ORDER,
          "o-2",
          order(
              "o-2",
              "2019-02-16T12:00:00.000Z",
              "333",
              null,
              "m-1",
              "America/Sao_Paulo",
              "[{\"name\": "));
      driver.pipe(
          Dataset.ORDER_STATUS, "o-2", status("o-2", "s-1", "PLACED", "2019-02-16T12:00:01.000Z"));
      Map<String, Object> first = driver.measureQuality();
      assertThat(first)
          .containsEntry("orders", 2L)
          .containsEntry("orders_missing_consumer", 1L)
          .containsEntry("orders_missing_restaurant", 2L)
          .containsEntry("orders_with_rejected_duplicate", 1L)
          .containsEntry("status_orders", 1L)
          .containsEntry("invalid_flows", 1L)
          .containsEntry("order_records_in", 3L)
          .containsEntry("status_records_in", 1L)
          .containsEntry("item_dead_letters", 1L)
          .containsEntry(
              "order_versions_out", (long) driver.versions(Topics.TRUSTED_ORDER_ROWS).size());

      driver.pipe(Dataset.CONSUMER, "c-1", consumer("c-1", "Maria", "16999998888"));
      driver.pipe(Dataset.RESTAURANT, "m-1", restaurant("m-1", "FRANCA"));
      driver.pipe(
          Dataset.ORDER_STATUS,
          "o-2",
          status("o-2", "s-0", "REGISTERED", "2019-02-16T12:00:00.500Z"));
      Map<String, Object> second = driver.measureQuality();
      assertThat(second)
          .containsEntry("orders", 2L)
          .containsEntry("orders_missing_consumer", 0L)
          .containsEntry("orders_missing_restaurant", 0L)
          .containsEntry("invalid_flows", 0L)
          .containsEntry("dimension_records_in", 2L);
      int measurements = driver.versions(Topics.TRUSTED_QUALITY).size();
      driver.measureQuality();
      assertThat(driver.versions(Topics.TRUSTED_QUALITY))
          .as("nothing changed: no new measurement")
          .hasSize(measurements);
    }
  }

  @Test
  void personalFieldsBecomePseudonymsAndCoordinatesAreUnswappedAndCoarsened() {
    try (TrustedDriver driver = new TrustedDriver()) {
      driver.pipe(Dataset.CONSUMER, "c-1", consumer("c-1", "Maria", "16999998888"));
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order(
              "o-1",
              "2019-01-17T22:50:06.000Z",
              "01234567890",
              "c-1",
              "m-1",
              "America/Sao_Paulo",
              items("X-BURGER", 2500, null)));
      Map<String, Object> row = driver.current(Topics.TRUSTED_ORDER_ROWS).get("o-1").get(0);
      Pseudonymizer pseudonyms = new Pseudonymizer(TrustedInputs.KEY);
      assertThat(row)
          .containsEntry("cpf_pseudonym", pseudonyms.of(Pseudonymizer.Kind.CPF, "01234567890"))
          .containsEntry(
              "customer_name_pseudonym", pseudonyms.of(Pseudonymizer.Kind.CUSTOMER_NAME, "Ana"))
          .containsEntry(
              "consumer_customer_name_pseudonym",
              pseudonyms.of(Pseudonymizer.Kind.CUSTOMER_NAME, "Maria"))
          .containsEntry(
              "consumer_customer_phone_number_pseudonym",
              pseudonyms.of(Pseudonymizer.Kind.PHONE_NUMBER, "16999998888"))
          .containsEntry(
              "delivery_address_external_id_pseudonym",
              pseudonyms.of(Pseudonymizer.Kind.ADDRESS_EXTERNAL_ID, "123456"))
          .containsEntry("delivery_address_latitude", -20.54)
          .containsEntry("delivery_address_longitude", -47.39);
      assertThat(row.values())
          .doesNotContain("01234567890", "Ana", "Maria", "16999998888", "123456");
    }
  }

  @Test
  void theLocalDateIsTheRestaurantsDayAroundMidnight() {
    try (TrustedDriver driver = new TrustedDriver()) {
      // 01:30 UTC on the 18th is 22:30 on the 17th in São Paulo (UTC-2 in January 2019: summer
      // time) and 21:30 in Manaus
      driver.pipe(
          Dataset.ORDER,
          "o-sp",
          order("o-sp", "2019-01-18T01:30:00.000Z", "1", null, "m-1", "America/Sao_Paulo", "[]"));
      driver.pipe(
          Dataset.ORDER,
          "o-fn",
          order("o-fn", "2019-01-18T03:30:00.000Z", "1", null, "m-1", "America/Noronha", "[]"));
      driver.pipe(
          Dataset.ORDER,
          "o-none",
          order("o-none", "2019-01-18T01:30:00.000Z", "1", null, "m-1", null, "[]"));
      Map<String, List<Map<String, Object>>> current = driver.current(Topics.TRUSTED_ORDER_ROWS);
      assertThat(current.get("o-sp").get(0))
          .containsEntry(TrustedTables.ORDER_LOCAL_DATE, LocalDate.parse("2019-01-17"));
      assertThat(current.get("o-fn").get(0))
          .containsEntry(TrustedTables.ORDER_LOCAL_DATE, LocalDate.parse("2019-01-18"));
      assertThat(current.get("o-none").get(0))
          .as("no zone: São Paulo")
          .containsEntry(TrustedTables.ORDER_LOCAL_DATE, LocalDate.parse("2019-01-17"));
      assertThat(current.get("o-none").get(0))
          .as("no customer_id: nothing to wait for")
          .containsEntry("consumer_missing", false);
    }
  }

  @Test
  void aDuplicateFlipsToTheCopyMatchingItsRegisteredStatusWhichArrivesLast() {
    try (TrustedDriver driver = new TrustedDriver()) {
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order(
              "o-1",
              "2019-02-16T12:00:00.000Z",
              "111",
              null,
              "m-1",
              "America/Sao_Paulo",
              items("A", 100, null)));
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order(
              "o-1",
              "2019-01-17T12:00:00.000Z",
              "222",
              null,
              "m-1",
              "America/Sao_Paulo",
              items("A", 100, null)));
      assertThat(driver.current(Topics.TRUSTED_ORDER_ROWS).get("o-1").get(0))
          .containsEntry("duplicate_rule", "LATEST")
          .containsEntry("order_created_at", OffsetDateTime.parse("2019-02-16T12:00Z"))
          .containsEntry("rejected_copies", 1);
      driver.pipe(
          Dataset.ORDER_STATUS,
          "o-1",
          status("o-1", "s-1", "REGISTERED", "2019-01-17T12:00:01.000Z"));
      Map<String, Object> flipped = driver.current(Topics.TRUSTED_ORDER_ROWS).get("o-1").get(0);
      assertThat(flipped)
          .containsEntry("duplicate_rule", "MATCHES_REGISTERED")
          .containsEntry("order_created_at", OffsetDateTime.parse("2019-01-17T12:00Z"))
          .containsEntry("rejected_copy_created_at", OffsetDateTime.parse("2019-02-16T12:00Z"))
          .containsEntry("last_status", "REGISTERED");
      assertThat(driver.current(Topics.TRUSTED_ITEM_ROWS).get("o-1"))
          .as("the item set moved to the true day")
          .singleElement()
          .satisfies(
              item ->
                  assertThat(item)
                      .containsEntry(
                          TrustedTables.ORDER_LOCAL_DATE, LocalDate.parse("2019-01-17")));
    }
  }

  @Test
  void statusesBeforeTheirOrderAndRepeatedEventsGiveOneStatusRowAndNoNewVersionForARepeat() {
    try (TrustedDriver driver = new TrustedDriver()) {
      driver.pipe(
          Dataset.ORDER_STATUS, "o-1", status("o-1", "s-2", "PLACED", "2019-01-17T12:00:02.000Z"));
      driver.emitPending();
      driver.pipe(
          Dataset.ORDER_STATUS,
          "o-1",
          status("o-1", "s-1", "REGISTERED", "2019-01-17T12:00:01.000Z"));
      driver.emitPending();
      driver.pipe(
          Dataset.ORDER_STATUS,
          "o-1",
          status("o-1", "s-1", "REGISTERED", "2019-01-17T12:00:01.000Z"));
      driver.emitPending();
      driver.pipe(
          Dataset.ORDER_STATUS,
          "o-1",
          status("o-1", "s-3", "CONCLUDED", "2019-01-17T13:00:00.000Z"));
      driver.pipe(
          Dataset.ORDER_STATUS,
          "o-1",
          status("o-1", "s-3", "CONCLUDED", "2019-01-17T13:00:00.000Z"));
      assertThat(driver.versions(Topics.TRUSTED_STATUS_ROWS))
          .as("a version per interval with a new event, none for repeats")
          .hasSize(3);
      Map<String, Object> row = driver.current(Topics.TRUSTED_STATUS_ROWS).get("o-1").get(0);
      assertThat(row)
          .containsEntry("registered_at", OffsetDateTime.parse("2019-01-17T12:00:01Z"))
          .containsEntry("placed_at", OffsetDateTime.parse("2019-01-17T12:00:02Z"))
          .containsEntry("concluded_at", OffsetDateTime.parse("2019-01-17T13:00Z"))
          .containsEntry("cancelled_at", null)
          .containsEntry("valid_flow", true)
          .containsEntry("status_events", 3)
          .containsEntry("last_status", "CONCLUDED");
      assertThat(driver.current(Topics.TRUSTED_ORDER_ROWS))
          .as("no order row before the order arrives")
          .isEmpty();
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order("o-1", "2019-01-17T12:00:00.000Z", "1", null, "m-1", "America/Sao_Paulo", "[]"));
      assertThat(driver.current(Topics.TRUSTED_ORDER_ROWS).get("o-1").get(0))
          .containsEntry("last_status", "CONCLUDED")
          .containsEntry("last_status_at", OffsetDateTime.parse("2019-01-17T13:00Z"));
    }
  }

  @Test
  void itemsWithAndWithoutGarnishAreKeptAndUnreadableItemsGoToTheDeadLettersOnce() {
    try (TrustedDriver driver = new TrustedDriver()) {
      driver.pipe(
          Dataset.ORDER,
          "o-1",
          order(
              "o-1",
              "2019-01-17T12:00:00.000Z",
              "1",
              null,
              "m-1",
              "America/Sao_Paulo",
              items("PIZZA", 0, "CALABRESA")));
      driver.pipe(
          Dataset.ORDER,
          "o-2",
          order(
              "o-2",
              "2019-01-17T12:00:00.000Z",
              "1",
              null,
              "m-1",
              "America/Sao_Paulo",
              items("SUCO", 650, null)));
      Map<String, List<Map<String, Object>>> items = driver.current(Topics.TRUSTED_ITEM_ROWS);
      assertThat(items.get("o-1").get(0))
          .containsEntry("garnish_count", 1)
          .containsEntry("unit_price", new BigDecimal("0.00"));
      assertThat(items.get("o-2").get(0))
          .containsEntry("garnish_count", 0)
          .containsEntry("unit_price", new BigDecimal("6.50"));
      assertThat(driver.current(Topics.TRUSTED_GARNISH_ROWS).get("o-1"))
          .singleElement()
          .satisfies(
              g ->
                  assertThat(g)
                      .containsEntry("name", "CALABRESA")
                      .containsEntry("item_position", 0)
                      .containsEntry("addition", new BigDecimal("3.00")));

      driver.pipe(
          Dataset.ORDER,
          "o-3",
          order(
              "o-3",
              "2019-01-17T12:00:00.000Z",
              "1",
              null,
              "m-1",
              "America/Sao_Paulo",
              "[{\"name\": "));
      driver.pipe(
          Dataset.ORDER_STATUS,
          "o-3",
          status("o-3", "s-1", "REGISTERED", "2019-01-17T12:00:01.000Z"));
      assertThat(driver.deadLetters())
          .singleElement()
          .satisfies(
              dead -> {
                assertThat(new String(dead.value(), StandardCharsets.UTF_8))
                    .isEqualTo("[{\"name\": ");
                assertThat(
                        new String(
                            dead.headers().lastHeader("lakehouse.dlq.reason").value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("invalid-items");
              });
      assertThat(driver.current(Topics.TRUSTED_ORDER_ROWS).get("o-3").get(0))
          .as("the order itself is kept")
          .containsEntry("item_count", null);
    }
  }

  @Test
  void aChangedRestaurantRebuildsItsOrdersABoundedNumberPerEmissionAndNoOtherRestaurants() {
    try (TrustedDriver driver = new TrustedDriver(10)) {
      String items = items("X-BURGER", 2500, null);
      for (int i = 0; i < 25; i++) {
        driver.pipe(
            Dataset.ORDER,
            "a-" + i,
            order("a-" + i, "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, items));
      }
      for (int i = 0; i < 3; i++) {
        // an id that the first one is a prefix of: its orders are not the first one's
        driver.pipe(
            Dataset.ORDER,
            "b-" + i,
            order("b-" + i, "2019-01-17T22:50:06.000Z", "1", "c-1", "m-10", null, items));
      }
      assertThat(driver.versions(Topics.TRUSTED_ORDER_ROWS)).hasSize(28);

      driver.pipe(Dataset.RESTAURANT, "m-1", restaurant("m-1", "FRANCA"));
      List<Integer> perEmission = new java.util.ArrayList<>();
      java.util.Set<String> rebuilt = new java.util.TreeSet<>();
      for (int emission = 0; emission < 5; emission++) {
        List<Map<String, Object>> fresh = driver.emitOnce(Topics.TRUSTED_ORDER_ROWS);
        perEmission.add(fresh.size());
        fresh.forEach(
            row -> {
              assertThat(row).containsEntry("restaurant_merchant_city", "FRANCA");
              rebuilt.add((String) row.get("order_id"));
            });
      }
      assertThat(perEmission).containsExactly(10, 10, 5, 0, 0);
      assertThat(rebuilt).hasSize(25).allMatch(id -> id.startsWith("a-"));
    }
  }
}
