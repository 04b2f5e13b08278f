package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.stack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;

/**
 * TrustedCrashIT's checks for tests of other packages (the fault ITs): once the raw tables hold the
 * expected rows under a prefix, the trusted tables reach the batch oracle over them; then every
 * version is there once and without a gap.
 */
public final class TrustedOracleCheck {
  private TrustedOracleCheck() {}

  /**
   * Waits (calling {@code watch} between reads, which may restart a dead app) until the raw tables
   * hold {@code expectedRaw} rows under the prefix and {@code trusted.order} equals the oracle,
   * then asserts the four trusted tables' current rows equal the oracle, versions 1..n once each,
   * no row twice. Returns the orders checked.
   */
  public static int awaitAndAssert(
      LocalStack stack,
      Catalog catalog,
      String uriPrefix,
      Map<Dataset, Long> expectedRaw,
      Runnable watch,
      Duration timeout)
      throws Exception {
    return awaitAndAssert(
        stack.config().settingsFile(), catalog, uriPrefix, expectedRaw, watch, timeout);
  }

  /**
   * As above, for the stack whose settings file is {@code settingsFile} (its pseudonym key makes
   * the oracle).
   */
  public static int awaitAndAssert(
      java.nio.file.Path settingsFile,
      Catalog catalog,
      String uriPrefix,
      Map<Dataset, Long> expectedRaw,
      Runnable watch,
      Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<Dataset, List<Record>> raw = TrustedTableReads.rawRows(catalog, uriPrefix);
    while (!TrustedTableReads.rawComplete(raw, expectedRaw)) {
      watch.run();
      assertThat(System.nanoTime())
          .as("raw tables incomplete after %s", timeout)
          .isLessThan(deadline);
      Thread.sleep(2_000);
      raw = TrustedTableReads.rawRows(catalog, uriPrefix);
    }
    TrustedOracle oracle = TrustedTableReads.oracle(settingsFile, raw);
    Map<String, List<Map<String, Object>>> orders;
    while (!(orders =
            TrustedTableReads.current(catalog, TrustedTables.ORDER, oracle.orders.keySet()))
        .equals(oracle.orders)) {
      watch.run();
      if (System.nanoTime() > deadline) {
        assertThat(orders).as("trusted.order after %s", timeout).isEqualTo(oracle.orders);
      }
      Thread.sleep(2_000);
    }
    Thread.sleep(10_000); // two more commit intervals at the default 5 s: nothing may arrive twice
    watch.run();
    assertThat(TrustedTableReads.current(catalog, TrustedTables.ORDER, oracle.orders.keySet()))
        .isEqualTo(oracle.orders);
    assertThat(
            TrustedTableReads.current(
                catalog, TrustedTables.ORDER_STATUS, oracle.statuses.keySet()))
        .isEqualTo(oracle.statuses);
    assertThat(TrustedTableReads.current(catalog, TrustedTables.ORDER_ITEM, oracle.orders.keySet()))
        .isEqualTo(oracle.items);
    assertThat(
            TrustedTableReads.current(
                catalog, TrustedTables.ORDER_ITEM_GARNISH, oracle.orders.keySet()))
        .isEqualTo(oracle.garnishes);
    TrustedCrashIT.assertVersionsOnceAndGapless(
        catalog, TrustedTables.ORDER, oracle.orders.keySet());
    TrustedCrashIT.assertVersionsOnceAndGapless(
        catalog, TrustedTables.ORDER_STATUS, oracle.statuses.keySet());
    TrustedCrashIT.assertRowsOnce(
        catalog, TrustedTables.ORDER_ITEM, oracle.orders.keySet(), "item_position");
    TrustedCrashIT.assertRowsOnce(
        catalog,
        TrustedTables.ORDER_ITEM_GARNISH,
        oracle.orders.keySet(),
        "item_position",
        "garnish_position");
    return oracle.orders.size();
  }
}
