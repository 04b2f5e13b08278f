package dev.lakehouse.streams.trusted;

import static dev.lakehouse.streams.trusted.TrustedInputs.consumer;
import static dev.lakehouse.streams.trusted.TrustedInputs.items;
import static dev.lakehouse.streams.trusted.TrustedInputs.order;
import static dev.lakehouse.streams.trusted.TrustedInputs.restaurant;
import static dev.lakehouse.streams.trusted.TrustedInputs.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random datasets with every quirk of the contract (duplicated orders, repeated and out-of-flow
 * statuses, statuses without orders, orders without consumers or restaurants, late dimensions, two
 * records of one dimension id, unreadable items, orders near midnight in several zones), delivered
 * in random orders: the trusted stage's current rows equal the batch oracle over the same inputs.
 */
class TrustedStagePropertyTest {
  private static final List<String> ZONES =
      java.util.Arrays.asList(
          "America/Sao_Paulo", "America/Manaus", "America/Fortaleza", "America/Noronha", null);
  private static final String[][] FLOWS = {
    {"REGISTERED"},
    {"REGISTERED", "PLACED"},
    {"REGISTERED", "PLACED", "CONCLUDED"},
    {"REGISTERED", "PLACED", "CANCELLED"},
    {"REGISTERED", "CANCELLED"},
    {"PLACED", "CONCLUDED"},
    {"REGISTERED", "CONCLUDED", "CANCELLED"},
    {}
  };

  record Input(Dataset dataset, String key, byte[] value) {}

  @Test
  void randomDatasetsInRandomArrivalOrdersEndAsTheBatchOracle() {
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Input> inputs = dataset(random);
      TrustedOracle oracle =
          TrustedOracle.compute(
              values(inputs, Dataset.ORDER),
              values(inputs, Dataset.ORDER_STATUS),
              values(inputs, Dataset.CONSUMER),
              values(inputs, Dataset.RESTAURANT));
      for (int delivery = 0; delivery < 3; delivery++) {
        Collections.shuffle(inputs, random);
        try (TrustedDriver driver = new TrustedDriver()) {
          inputs.forEach(input -> driver.pipe(input.dataset(), input.key(), input.value()));
          String where = "seed " + seed + ", delivery " + delivery;
          assertThat(driver.current(Topics.TRUSTED_ORDER_ROWS))
              .as("orders, " + where)
              .isEqualTo(oracle.orders);
          assertThat(driver.current(Topics.TRUSTED_STATUS_ROWS))
              .as("statuses, " + where)
              .isEqualTo(oracle.statuses);
          assertThat(driver.current(Topics.TRUSTED_ITEM_ROWS))
              .as("items, " + where)
              .isEqualTo(oracle.items);
          assertThat(driver.current(Topics.TRUSTED_GARNISH_ROWS))
              .as("garnishes, " + where)
              .isEqualTo(oracle.garnishes);
          Map<String, Object> quality = driver.measureQuality();
          assertThat(quality)
              .as("quality, " + where)
              .containsEntry("orders", (long) oracle.orders.size())
              .containsEntry(
                  "orders_missing_consumer", count(oracle.orders, "consumer_missing", true))
              .containsEntry(
                  "orders_missing_restaurant", count(oracle.orders, "restaurant_missing", true))
              .containsEntry("status_orders", (long) oracle.statuses.size())
              .containsEntry("invalid_flows", count(oracle.statuses, "valid_flow", false))
              .containsEntry(
                  "order_versions_out", (long) driver.versions(Topics.TRUSTED_ORDER_ROWS).size())
              .containsEntry("order_records_in", (long) values(inputs, Dataset.ORDER).size());
          assertThat((Long) quality.get("orders_with_rejected_duplicate"))
              .isEqualTo(
                  oracle.orders.values().stream()
                      .filter(rows -> (Integer) rows.get(0).get("rejected_copies") > 0)
                      .count());
        }
      }
    }
  }

  private static long count(
      Map<String, List<Map<String, Object>>> rows, String column, Object value) {
    return rows.values().stream().filter(list -> value.equals(list.get(0).get(column))).count();
  }

  private static List<byte[]> values(List<Input> inputs, Dataset dataset) {
    return inputs.stream().filter(i -> i.dataset() == dataset).map(Input::value).toList();
  }

  private static List<Input> dataset(Random random) {
    List<Input> inputs = new ArrayList<>();
    int orders = 1 + random.nextInt(25);
    OffsetDateTime base = OffsetDateTime.of(2019, 2, 10, 0, 0, 0, 0, ZoneOffset.UTC);
    for (int o = 0; o < orders; o++) {
      String orderId = "o-" + o;
      String customer = random.nextInt(10) == 0 ? null : "c-" + random.nextInt(8);
      String merchant = "m-" + random.nextInt(5);
      String zone = ZONES.get(random.nextInt(ZONES.size()));
      // near midnight in UTC and in Brazil, to exercise the local date
      OffsetDateTime created =
          base.plusDays(random.nextInt(5))
              .plusHours(random.nextBoolean() ? 2 : 23)
              .plusMinutes(random.nextInt(60))
              .plusSeconds(random.nextInt(60));
      String itemsJson =
          random.nextInt(20) == 0
              ? "[{\"name\": "
              : items(
                  "ITEM-" + random.nextInt(4),
                  100L * random.nextInt(50),
                  random.nextBoolean() ? "EXTRA" : null);
      inputs.add(
          new Input(
              Dataset.ORDER,
              orderId,
              order(orderId, iso(created), "cpf-" + o, customer, merchant, zone, itemsJson)));
      if (random.nextInt(5) == 0) {
        inputs.add(
            new Input(
                Dataset.ORDER,
                orderId,
                order(
                    orderId,
                    iso(created.minusDays(30)),
                    "cpf-dup-" + o,
                    customer,
                    merchant,
                    zone,
                    itemsJson)));
      }
      String[] flow = FLOWS[random.nextInt(FLOWS.length)];
      for (int s = 0; s < flow.length; s++) {
        OffsetDateTime at =
            created.plusSeconds(1 + s * 60L + (random.nextInt(4) == 0 ? 0 : random.nextInt(30)));
        byte[] event = status(orderId, "s-" + o + "-" + s, flow[s], iso(at));
        int copies = 1 + (random.nextInt(3) == 0 ? random.nextInt(4) : 0);
        for (int c = 0; c < copies; c++) {
          inputs.add(new Input(Dataset.ORDER_STATUS, orderId, event));
        }
      }
    }
    for (int orphan = 0; orphan < random.nextInt(3); orphan++) {
      inputs.add(
          new Input(
              Dataset.ORDER_STATUS,
              "x-" + orphan,
              status("x-" + orphan, "sx-" + orphan, "REGISTERED", iso(base))));
    }
    for (int c = 0; c < 8; c++) {
      if (random.nextInt(5) != 0) {
        inputs.add(
            new Input(Dataset.CONSUMER, "c-" + c, consumer("c-" + c, "Name" + c, "1699999" + c)));
      }
      if (random.nextInt(8) == 0) {
        inputs.add(
            new Input(
                Dataset.CONSUMER, "c-" + c, consumer("c-" + c, "Renamed" + c, "1688888" + c)));
      }
    }
    for (int m = 0; m < 5; m++) {
      if (random.nextInt(5) != 0) {
        inputs.add(new Input(Dataset.RESTAURANT, "m-" + m, restaurant("m-" + m, "CITY" + m)));
      }
    }
    return inputs;
  }

  private static String iso(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));
  }
}
