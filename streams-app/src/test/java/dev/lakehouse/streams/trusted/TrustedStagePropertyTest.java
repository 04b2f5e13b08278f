package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.streams.trusted.TrustedDatasets.Input;
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
 * On the core directly (many seeds, with emissions at random points and a small fan-out bound), and
 * through the topology (fewer seeds: the shell moves the same data).
 */
class TrustedStagePropertyTest {
  @Test
  void onTheCoreRandomDatasetsInRandomArrivalOrdersAndEmissionsEndAsTheBatchOracle() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      List<Input> inputs = TrustedDatasets.random(random);
      TrustedOracle oracle = oracle(inputs);
      for (int delivery = 0; delivery < 3; delivery++) {
        Collections.shuffle(inputs, random);
        // a fan-out of 1 to 3 orders per emission: every dimension change is spread over emissions
        try (TrustedCoreRun run = new TrustedCoreRun(1 + random.nextInt(3), random)) {
          inputs.forEach(input -> run.pipe(input.dataset(), input.key(), input.value()));
          assertEndsAsTheOracle(run, oracle, inputs, "seed " + seed + ", delivery " + delivery);
        }
      }
    }
  }

  /**
   * With a retention, and the clock jumping past it at random emissions: orders are dropped, and
   * found in the lake again for their later events and for changes of their consumers and
   * restaurants, and the stage still ends as the oracle.
   */
  @Test
  void onTheCoreWithOrdersDroppedAtRandomAndFoundInTheLakeEndsAsTheBatchOracle() {
    int jumps = 0;
    long fromLake = 0;
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      List<Input> inputs = TrustedDatasets.random(random);
      TrustedOracle oracle = oracle(inputs);
      for (int delivery = 0; delivery < 2; delivery++) {
        Collections.shuffle(inputs, random);
        try (TrustedCoreRun run =
            TrustedCoreRun.withRetention(
                1 + random.nextInt(3), random, java.time.Duration.ofDays(45).toMillis())) {
          inputs.forEach(input -> run.pipe(input.dataset(), input.key(), input.value()));
          assertEndsAsTheOracle(run, oracle, inputs, "seed " + seed + ", delivery " + delivery);
          jumps += run.retentionJumps;
          fromLake += run.core().retentionCounts().fromLake();
        }
      }
    }
    assertThat(jumps).as("the clock jumped past the retention").isGreaterThan(100);
    assertThat(fromLake).as("orders came back from the lake").isGreaterThan(100);
  }

  @Test
  void throughTheTopologyRandomDatasetsInRandomArrivalOrdersEndAsTheBatchOracle() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      List<Input> inputs = TrustedDatasets.random(random);
      TrustedOracle oracle = oracle(inputs);
      for (int delivery = 0; delivery < 3; delivery++) {
        Collections.shuffle(inputs, random);
        try (TrustedDriver driver = new TrustedDriver(1 + random.nextInt(3))) {
          inputs.forEach(input -> driver.pipe(input.dataset(), input.key(), input.value()));
          assertEndsAsTheOracle(driver, oracle, inputs, "seed " + seed + ", delivery " + delivery);
        }
      }
    }
  }

  private static TrustedOracle oracle(List<Input> inputs) {
    return TrustedOracle.compute(
        TrustedDatasets.values(inputs, Dataset.ORDER),
        TrustedDatasets.values(inputs, Dataset.ORDER_STATUS),
        TrustedDatasets.values(inputs, Dataset.CONSUMER),
        TrustedDatasets.values(inputs, Dataset.RESTAURANT));
  }

  private static void assertEndsAsTheOracle(
      TrustedRun run, TrustedOracle oracle, List<Input> inputs, String where) {
    assertThat(run.current(Topics.TRUSTED_ORDER_ROWS))
        .as("orders, " + where)
        .isEqualTo(oracle.orders);
    assertThat(run.current(Topics.TRUSTED_STATUS_ROWS))
        .as("statuses, " + where)
        .isEqualTo(oracle.statuses);
    assertThat(run.current(Topics.TRUSTED_ITEM_ROWS)).as("items, " + where).isEqualTo(oracle.items);
    assertThat(run.current(Topics.TRUSTED_GARNISH_ROWS))
        .as("garnishes, " + where)
        .isEqualTo(oracle.garnishes);
    Map<String, Object> quality = run.measureQuality();
    assertThat(quality)
        .as("quality, " + where)
        .containsEntry("orders", (long) oracle.orders.size())
        .containsEntry("orders_missing_consumer", count(oracle.orders, "consumer_missing", true))
        .containsEntry(
            "orders_missing_restaurant", count(oracle.orders, "restaurant_missing", true))
        .containsEntry("status_orders", (long) oracle.statuses.size())
        .containsEntry("invalid_flows", count(oracle.statuses, "valid_flow", false))
        .containsEntry("order_versions_out", (long) run.versions(Topics.TRUSTED_ORDER_ROWS).size())
        .containsEntry(
            "order_records_in", (long) TrustedDatasets.values(inputs, Dataset.ORDER).size());
    assertThat((Long) quality.get("orders_with_rejected_duplicate"))
        .isEqualTo(
            oracle.orders.values().stream()
                .filter(rows -> (Integer) rows.get(0).get("rejected_copies") > 0)
                .count());
  }

  private static long count(
      Map<String, List<Map<String, Object>>> rows, String column, Object value) {
    return rows.values().stream().filter(list -> value.equals(list.get(0).get(column))).count();
  }
}
