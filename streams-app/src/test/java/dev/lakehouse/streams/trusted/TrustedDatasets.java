package dev.lakehouse.streams.trusted;

import static dev.lakehouse.streams.trusted.TrustedInputs.consumer;
import static dev.lakehouse.streams.trusted.TrustedInputs.items;
import static dev.lakehouse.streams.trusted.TrustedInputs.order;
import static dev.lakehouse.streams.trusted.TrustedInputs.restaurant;
import static dev.lakehouse.streams.trusted.TrustedInputs.status;

import dev.lakehouse.common.contract.Dataset;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random trusted-stage inputs with every quirk of the contract (duplicated orders, repeated and
 * out-of-flow statuses, statuses without orders, orders without consumers or restaurants, late
 * dimensions, two records of one dimension id, unreadable items, orders near midnight in several
 * zones), for the property tests.
 */
final class TrustedDatasets {
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

  private TrustedDatasets() {}

  static List<byte[]> values(List<Input> inputs, Dataset dataset) {
    return inputs.stream().filter(i -> i.dataset() == dataset).map(Input::value).toList();
  }

  static List<Input> random(Random random) {
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
