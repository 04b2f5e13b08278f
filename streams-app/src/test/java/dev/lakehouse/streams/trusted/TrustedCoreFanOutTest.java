package dev.lakehouse.streams.trusted;

import static dev.lakehouse.streams.trusted.TrustedInputs.items;
import static dev.lakehouse.streams.trusted.TrustedInputs.order;
import static dev.lakehouse.streams.trusted.TrustedInputs.restaurant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.codec.RowCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One merchant with 200,000 orders changes: its orders are rebuilt at most {@code
 * fanOutPerEmission} per emission, across a restart of the task in the middle of the sweep, and a
 * second change of the merchant during the sweep starts it over, so that every order ends with the
 * merchant's latest row.
 */
class TrustedCoreFanOutTest {
  private static final int ORDERS = 200_000;
  private static final int BOUND = 5_000;
  private static final RowCodec ORDER_ROWS = new RowCodec(TrustedTables.order());
  private static final List<String> COLUMNS =
      TrustedTables.order().columns().stream().map(c -> c.name()).toList();
  private static final int ORDER_ID = COLUMNS.indexOf("order_id");
  private static final int CITY = COLUMNS.indexOf("restaurant_merchant_city");
  private static final int VERSION = COLUMNS.indexOf(TrustedTables.VERSION);

  private final Map<String, String> cityByOrder = new HashMap<>();
  private final Map<String, Long> versionByOrder = new HashMap<>();

  @Test
  void aMerchantWith200000OrdersIsRebuiltABoundedNumberPerEmission() {
    MemoryTrustedStore store = new MemoryTrustedStore();
    TrustedCore core = new TrustedCore(TrustedInputs.KEY, store, BOUND);
    String itemsJson = items("X-BURGER", 2500, null);
    for (int i = 0; i < ORDERS; i++) {
      String id = "o-" + i;
      core.onOrderCopy(
          order(id, "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, itemsJson), i);
      if (i % 20_000 == 19_999) {
        record(core.emitDue(i)); // new orders: all of them, as many as the records read
      }
    }
    record(core.emitDue(ORDERS));
    assertThat(versionByOrder)
        .hasSize(ORDERS)
        .allSatisfy((id, version) -> assertThat(version).isEqualTo(1L));

    core.onDimension(Dataset.RESTAURANT, restaurant("m-1", "CITY-A"), ORDERS + 1);
    for (int emission = 0; emission < 10; emission++) {
      assertThat(record(core.emitDue(ORDERS + 2 + emission))).isEqualTo(BOUND);
    }
    // the task restarts: the sweep goes on from the store, where it stopped
    core = new TrustedCore(TrustedInputs.KEY, store, BOUND);
    assertThat(core.backlog().sweeps()).isEqualTo(1);
    for (int emission = 0; emission < 10; emission++) {
      assertThat(record(core.emitDue(ORDERS + 20 + emission))).isEqualTo(BOUND);
    }
    assertThat(cityByOrder.values().stream().filter("CITY-A"::equals).count())
        .isEqualTo(20L * BOUND);

    // changed again half-way: the sweep starts over with the newer row
    core.onDimension(Dataset.RESTAURANT, restaurant("m-1", "CITY-B"), ORDERS + 40);
    int emissions = 0;
    while (core.backlog().sweeps() > 0) {
      int rebuilt = record(core.emitDue(ORDERS + 50 + emissions));
      assertThat(rebuilt).isLessThanOrEqualTo(BOUND);
      emissions++;
    }
    assertThat(emissions).isBetween(ORDERS / BOUND, ORDERS / BOUND + 1);
    assertThat(cityByOrder)
        .hasSize(ORDERS)
        .allSatisfy((id, city) -> assertThat(city).isEqualTo("CITY-B"));
    assertThat(core.emitDue(ORDERS + 100)).isEmpty();
  }

  /** Keeps each emitted order version's city; returns how many order versions there were. */
  private int record(List<TrustedEmission> emissions) {
    int orders = 0;
    for (TrustedEmission emission : emissions) {
      if (emission.output() != TrustedEmission.Output.ORDER) {
        continue;
      }
      Object[] row = ORDER_ROWS.decode(emission.value());
      String id = (String) row[ORDER_ID];
      long version = (Long) row[VERSION];
      Long before = versionByOrder.put(id, version);
      assertThat(before == null ? 0 : before).as("versions of %s", id).isEqualTo(version - 1);
      cityByOrder.put(id, (String) row[CITY]);
      orders++;
    }
    return orders;
  }
}
