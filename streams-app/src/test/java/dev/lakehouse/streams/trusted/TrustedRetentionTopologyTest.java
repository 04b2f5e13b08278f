package dev.lakehouse.streams.trusted;

import static dev.lakehouse.streams.trusted.TrustedInputs.items;
import static dev.lakehouse.streams.trusted.TrustedInputs.order;
import static dev.lakehouse.streams.trusted.TrustedInputs.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retention through the topology: a task drops an order after {@code trusted.state-retention}
 * on its wall clock, parks a late event for it in its stores, looks the order up in the lake at the
 * next emission (again at the one after, when the lake fails), and emits the same rows as a task
 * that kept the order.
 */
class TrustedRetentionTopologyTest {
  private static final String ITEMS = items("X-BURGER", 2500, "BACON");
  private static final List<String> TOPICS =
      List.of(
          Topics.TRUSTED_ORDER_ROWS,
          Topics.TRUSTED_ITEM_ROWS,
          Topics.TRUSTED_GARNISH_ROWS,
          Topics.TRUSTED_STATUS_ROWS);

  @Test
  void aLateEventForADroppedOrderIsAnsweredFromTheLake() {
    Lake lake = new Lake();
    try (TrustedDriver subject = new TrustedDriver(5_000, Duration.ofDays(45), lake);
        TrustedDriver reference = new TrustedDriver()) {
      byte[] copyA = order("A", "2019-01-17T22:50:06.000Z", "1", null, "m-1", null, ITEMS);
      byte[] a1 = status("A", "a1", "REGISTERED", "2019-01-17T22:50:06.000Z");
      byte[] a2 = status("A", "a2", "PLACED", "2019-01-17T22:55:00.000Z");
      byte[] late = status("A", "a3", "CONCLUDED", "2019-01-17T23:50:00.000Z");
      for (TrustedDriver driver : List.of(subject, reference)) {
        driver.pipe(Dataset.ORDER, "A", copyA);
        driver.pipe(Dataset.ORDER_STATUS, "A", a1);
        driver.pipe(Dataset.ORDER_STATUS, "A", a2);
        driver.pipe(
            Dataset.ORDER,
            "B",
            order("B", "2019-03-01T10:00:00.000Z", "2", null, "m-1", null, ITEMS));
        TOPICS.forEach(driver::versions);
        driver.advance(Duration.ofDays(20));
        driver.pipe(
            Dataset.ORDER_STATUS, "B", status("B", "b1", "PLACED", "2019-03-01T10:00:00.000Z"));
        TOPICS.forEach(driver::versions);
        driver.advance(Duration.ofDays(26));
      }
      assertThat(subject.store(StreamsTrustedStore.STATE_STORE).get("A")).isNull();
      assertThat(subject.store(StreamsTrustedStore.COPIES_STORE).get("A")).isNull();
      assertThat(subject.store(StreamsTrustedStore.STATE_STORE).get("B")).isNotNull();
      assertThat(reference.store(StreamsTrustedStore.STATE_STORE).get("A")).isNotNull();

      // what the lake holds of A: its inputs, the late one too, and the versions emitted
      lake.orders.put(
          "A",
          new OrderArchive.Archived(
              List.of(copyA),
              List.of(a1, a2, late),
              highest(subject, Topics.TRUSTED_ORDER_ROWS),
              Math.max(
                  highest(subject, Topics.TRUSTED_ITEM_ROWS),
                  highest(subject, Topics.TRUSTED_GARNISH_ROWS)),
              highest(subject, Topics.TRUSTED_STATUS_ROWS)));
      lake.failuresLeft = 1;
      subject.pipe(Dataset.ORDER_STATUS, "A", late);
      reference.pipe(Dataset.ORDER_STATUS, "A", late);
      subject.advance(TrustedOrderProcessor.EMIT_INTERVAL);
      assertThat(lake.failuresLeft).as("the lake was asked, and failed").isZero();
      assertThat(subject.store(StreamsTrustedStore.PARKED_STORE).get("A"))
          .as("the late event waits")
          .isNotNull();

      for (String topic : TOPICS) {
        assertThat(current(subject, topic))
            .as(topic)
            .isNotEmpty()
            .isEqualTo(current(reference, topic));
      }
      assertThat(subject.store(StreamsTrustedStore.PARKED_STORE).get("A")).isNull();
      assertThat(lastOf(subject, Topics.TRUSTED_STATUS_ROWS, "A").get(TrustedTables.VERSION))
          .isEqualTo(2L);
    }
  }

  private static long highest(TrustedDriver driver, String topic) {
    return driver.versions(topic).stream()
        .filter(row -> "A".equals(row.get("order_id")))
        .mapToLong(row -> (Long) row.get(TrustedTables.VERSION))
        .max()
        .orElse(0);
  }

  /** A's rows at its highest version on a topic, without the columns that tell when. */
  private static List<Map<String, Object>> current(TrustedDriver driver, String topic) {
    long version = highest(driver, topic);
    return driver.versions(topic).stream()
        .filter(row -> "A".equals(row.get("order_id")))
        .filter(row -> row.get(TrustedTables.VERSION).equals(version))
        .map(
            row -> {
              Map<String, Object> timeless = new HashMap<>(row);
              timeless.remove(TrustedTables.VERSION);
              timeless.remove(TrustedTables.VERSIONED_AT);
              timeless.remove(TrustedTables.CAUSED_AT);
              return timeless;
            })
        .toList();
  }

  private static Map<String, Object> lastOf(TrustedDriver driver, String topic, String orderId) {
    List<Map<String, Object>> rows =
        driver.versions(topic).stream().filter(r -> orderId.equals(r.get("order_id"))).toList();
    return rows.get(rows.size() - 1);
  }

  /** A lake that fails as often as told, then answers from its map. */
  private static final class Lake implements OrderArchive {
    final Map<String, Archived> orders = new HashMap<>();
    int failuresLeft;

    @Override
    public Archived find(String orderId) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("the catalog is down");
      }
      return orders.getOrDefault(orderId, Archived.none());
    }
  }
}
