package dev.lakehouse.streams.trusted;

import static dev.lakehouse.streams.trusted.TrustedInputs.consumer;
import static dev.lakehouse.streams.trusted.TrustedInputs.items;
import static dev.lakehouse.streams.trusted.TrustedInputs.order;
import static dev.lakehouse.streams.trusted.TrustedInputs.restaurant;
import static dev.lakehouse.streams.trusted.TrustedInputs.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code trusted.state-retention} on the core: an order not rebuilt for longer than the retention
 * is dropped, a bounded number per emission, and a later event for it waits until the order is
 * found in the lake. The lake here holds what the writer would have put there: every input, and the
 * versions the stage emitted. The proof is a second core that keeps every order: after each step,
 * both hold the same current rows (the rows of each order's highest version) and count the same
 * quality; the one that dropped an order continues its versions from the lake's.
 */
class TrustedCoreRetentionTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long RETENTION = 45 * DAY;
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final String ITEMS = items("X-BURGER", 2500, "BACON");

  private final MemoryTrustedStore store = new MemoryTrustedStore();
  private final LakeStandIn lake = new LakeStandIn();
  private TrustedCore subject = new TrustedCore(TrustedInputs.KEY, store, 5_000, RETENTION);
  private final TrustedCore reference =
      new TrustedCore(TrustedInputs.KEY, new MemoryTrustedStore(), 5_000);
  private long timestamp = 1;

  /** Every row each core emitted: the subject's (across its restarts) and the reference's. */
  private final List<Map<String, Object>> subjectRows = new ArrayList<>();

  private final List<Map<String, Object>> referenceRows = new ArrayList<>();

  @Test
  void aLateEventForADroppedOrderGivesTheRowsOfAStageThatKeptIt() {
    feed(Dataset.CONSUMER, consumer("c-1", "Ana", "99999"));
    feed(Dataset.RESTAURANT, restaurant("m-1", "FRANCA"));
    feed(Dataset.ORDER, order("A", "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, ITEMS));
    feed(Dataset.ORDER_STATUS, status("A", "a1", "REGISTERED", "2019-01-17T22:50:06.000Z"));
    feed(Dataset.ORDER_STATUS, status("A", "a2", "PLACED", "2019-01-17T22:55:00.000Z"));
    feed(Dataset.ORDER, order("B", "2019-03-01T10:00:00.000Z", "2", "c-1", "m-1", null, ITEMS));
    emitBoth(T0);
    feed(Dataset.ORDER_STATUS, status("B", "b1", "PLACED", "2019-03-01T10:00:00.000Z"));
    emitBoth(T0 + 20 * DAY);

    emitBoth(T0 + 46 * DAY);
    assertThat(store.holds("A")).as("A was last rebuilt 46 days ago").isFalse();
    assertThat(store.indexes("A")).as("a change of its restaurant must still find it").isTrue();
    assertThat(store.holds("B")).as("B was rebuilt 26 days ago").isTrue();
    assertThat(subject.retentionCounts().dropped()).isEqualTo(1);

    // a status that runs ahead of its new order's copy, older than A's events: no lookup, the
    // task never dropped E
    feed(Dataset.ORDER_STATUS, status("E", "e1", "REGISTERED", "2019-01-10T09:00:00.000Z"));
    feed(Dataset.ORDER, order("E", "2019-01-10T09:00:00.000Z", "5", "c-1", "m-1", null, ITEMS));
    assertThat(store.parked("E")).isNull();
    assertThat(subject.archiveRequests(10)).isEmpty();
    emitBoth(T0 + 46 * DAY + 1);

    // a late status of A, newer than any of A's events: it waits for the lake, and nothing is
    // emitted for A until A is found
    feed(Dataset.ORDER_STATUS, status("A", "a3", "CONCLUDED", "2019-01-17T23:50:00.000Z"));
    assertThat(subject.archiveRequests(10)).containsExactly("A");
    assertThat(emit(subject, T0 + 47 * DAY - 1))
        .as("no version of A before the lake")
        .noneMatch(row -> "A".equals(row.get("order_id")));
    // the task restarts while the event waits: the wait is in the store
    subject = new TrustedCore(TrustedInputs.KEY, store, 5_000, RETENTION);
    assertThat(subject.archiveRequests(10)).containsExactly("A");

    fromLake(T0 + 47 * DAY);
    List<Map<String, Object>> fromSubject = emit(subject, T0 + 47 * DAY);
    emit(reference, T0 + 47 * DAY);
    assertThat(fromSubject)
        .extracting(row -> key(row) + " v" + row.get("_version"))
        .as("every row of A again, after the lake's versions")
        .containsExactlyInAnyOrder("ORDER A v2", "ITEM A v2", "GARNISH A v2", "STATUS A v2");
    assertSameCurrentRows();
    assertThat(subject.retentionCounts().fromLake()).isEqualTo(1);

    // the restaurant changes: both rebuild A and B alike
    feed(Dataset.RESTAURANT, restaurant("m-1", "RIBEIRAO PRETO"));
    List<Map<String, Object>> swept = emit(subject, T0 + 48 * DAY);
    emit(reference, T0 + 48 * DAY);
    assertThat(swept).extracting(TrustedCoreRetentionTest::key).contains("ORDER A", "ORDER B");
    assertSameCurrentRows();
  }

  @Test
  void aChangeOfTheRestaurantAfterTheDropReachesTheOrderThroughTheLake() {
    feed(Dataset.RESTAURANT, restaurant("m-1", "FRANCA"));
    feed(Dataset.ORDER, order("A", "2019-01-17T22:50:06.000Z", "1", null, "m-1", null, ITEMS));
    feed(Dataset.ORDER_STATUS, status("A", "a1", "REGISTERED", "2019-01-17T22:50:06.000Z"));
    emitBoth(T0);
    emitBoth(T0 + 46 * DAY);
    assertThat(store.holds("A")).isFalse();

    feed(Dataset.RESTAURANT, restaurant("m-1", "RIBEIRAO PRETO"));
    assertThat(emit(subject, T0 + 47 * DAY)).as("A waits for the lake").isEmpty();
    assertThat(subject.archiveRequests(10)).containsExactly("A");
    fromLake(T0 + 47 * DAY + 1);
    emit(subject, T0 + 47 * DAY + 1);
    emit(reference, T0 + 47 * DAY + 1);
    assertSameCurrentRows();
    assertThat(current(subjectRows).get("ORDER A").get(0))
        .containsEntry("restaurant_merchant_city", "RIBEIRAO PRETO");
  }

  @Test
  void aLateCopyOfADroppedOrderIsTheSameOrderNotANewOne() {
    feed(Dataset.ORDER, order("A", "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, ITEMS));
    feed(Dataset.ORDER_STATUS, status("A", "a1", "PLACED", "2019-01-17T22:50:06.000Z"));
    emitBoth(T0);
    emitBoth(T0 + 46 * DAY);
    assertThat(store.holds("A")).isFalse();

    // the same copy again, from another file line: a duplicate, not a first version
    feed(Dataset.ORDER, order("A", "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, ITEMS));
    fromLake(T0 + 47 * DAY);
    List<Map<String, Object>> rows = emit(subject, T0 + 47 * DAY);
    emit(reference, T0 + 47 * DAY);
    assertThat(rows)
        .extracting(row -> row.get("_version"))
        .as("not a first version again")
        .containsOnly(2L);
    assertSameCurrentRows();
  }

  @Test
  void onlyEventsOfDroppedOrdersWaitAndAnOrderOfStatusesAloneIsKept() {
    feed(Dataset.ORDER, order("A", "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, ITEMS));
    feed(Dataset.ORDER_STATUS, status("S", "s1", "REGISTERED", "2019-01-17T22:00:00.000Z"));
    emitBoth(T0);
    emitBoth(T0 + 46 * DAY);
    assertThat(store.holds("A")).isFalse();
    assertThat(store.holds("S")).as("its copy may still come").isTrue();

    // orders the task never had, older or newer than A: no lookup
    feed(Dataset.ORDER, order("C", "2019-02-01T10:00:00.000Z", "3", "c-1", "m-1", null, ITEMS));
    feed(Dataset.ORDER, order("D", "2019-01-01T10:00:00.000Z", "4", "c-1", "m-1", null, ITEMS));
    feed(Dataset.ORDER, order("S", "2019-01-17T22:00:00.000Z", "6", "c-1", "m-1", null, ITEMS));
    assertThat(subject.archiveRequests(10)).isEmpty();
    assertThat(emit(subject, T0 + 47 * DAY)).isNotEmpty();
    emit(reference, T0 + 47 * DAY);
    assertSameCurrentRows();

    // a copy of A that differs from the first (another order_created_at, as duplicates do)
    feed(Dataset.ORDER, order("A", "2019-02-16T22:50:06.000Z", "9", "c-1", "m-1", null, ITEMS));
    assertThat(subject.archiveRequests(10)).containsExactly("A");
    fromLake(T0 + 48 * DAY);
    assertThat(emit(subject, T0 + 48 * DAY)).isNotEmpty();
    emit(reference, T0 + 48 * DAY);
    assertSameCurrentRows();
    assertThat(current(subjectRows).get("ORDER A").get(0)).containsEntry("rejected_copies", 1);
    assertThat(subject.retentionCounts().fromLake()).isEqualTo(1);
  }

  @Test
  void dropsAreBoundedPerEmission() {
    subject = new TrustedCore(TrustedInputs.KEY, store, 2, RETENTION);
    for (int i = 0; i < 5; i++) {
      feed(
          Dataset.ORDER,
          order("o-" + i, "2019-01-17T22:50:06.000Z", "1", null, "m-1", null, ITEMS));
    }
    subject.emitDue(T0);
    List<Long> held = new ArrayList<>();
    for (int emission = 0; emission < 4; emission++) {
      subject.emitDue(T0 + 46 * DAY + emission);
      held.add(
          java.util.stream.IntStream.range(0, 5).filter(i -> store.holds("o-" + i)).count() + 0L);
    }
    assertThat(held).containsExactly(3L, 1L, 0L, 0L);
  }

  @Test
  void withoutRetentionNothingIsDropped() {
    TrustedCore keeper = new TrustedCore(TrustedInputs.KEY, store, 5_000, 0);
    keeper.onOrderCopy(
        order("A", "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, ITEMS), timestamp++);
    keeper.emitDue(T0);
    keeper.emitDue(T0 + 1_000 * DAY);
    assertThat(store.holds("A")).isTrue();
    assertThat(store.rebuiltBefore(Long.MAX_VALUE, 10))
        .as("no retention, no bookkeeping")
        .isEmpty();
  }

  private void feed(Dataset dataset, byte[] value) {
    long ts = timestamp++;
    lake.land(dataset, value);
    for (TrustedCore core : List.of(subject, reference)) {
      switch (dataset) {
        case ORDER -> core.onOrderCopy(value, ts);
        case ORDER_STATUS -> core.onStatus(value, ts);
        default -> core.onDimension(dataset, value, ts);
      }
    }
  }

  private void fromLake(long now) {
    for (String orderId : subject.archiveRequests(10)) {
      subject.rehydrate(orderId, lake.find(orderId), now);
    }
  }

  private void emitBoth(long now) {
    assertThat(emit(subject, now)).isEqualTo(emit(reference, now));
    assertSameCurrentRows();
  }

  /** Both cores hold the same current rows, and count the same (but the versions they sent). */
  private void assertSameCurrentRows() {
    assertThat(current(subjectRows)).isEqualTo(current(referenceRows));
    Map<String, Object> subjectQuality = new HashMap<>(subject.counters().asRow());
    Map<String, Object> referenceQuality = new HashMap<>(reference.counters().asRow());
    subjectQuality.keySet().removeIf(key -> key.endsWith("_out"));
    referenceQuality.keySet().removeIf(key -> key.endsWith("_out"));
    assertThat(subjectQuality).isEqualTo(referenceQuality);
  }

  /** By output and order, the rows of the highest version, without the version columns. */
  private static Map<String, List<Map<String, Object>>> current(List<Map<String, Object>> rows) {
    Map<String, Long> highest = new HashMap<>();
    for (Map<String, Object> row : rows) {
      highest.merge(key(row), (Long) row.get(TrustedTables.VERSION), Math::max);
    }
    Map<String, List<Map<String, Object>>> current = new java.util.TreeMap<>();
    for (Map<String, Object> row : rows) {
      if (row.get(TrustedTables.VERSION).equals(highest.get(key(row)))) {
        Map<String, Object> content = new java.util.TreeMap<>(row);
        content.remove(TrustedTables.VERSION);
        content.remove(TrustedTables.VERSIONED_AT);
        content.remove(TrustedTables.CAUSED_AT);
        current.computeIfAbsent(key(row), k -> new ArrayList<>()).add(content);
      }
    }
    current.values().forEach(list -> list.sort(java.util.Comparator.comparing(Object::toString)));
    return current;
  }

  private static String key(Map<String, Object> row) {
    return row.get("_output") + " " + row.get("order_id");
  }

  /** One emission's rows, decoded; the subject's also land in the lake. */
  private List<Map<String, Object>> emit(TrustedCore core, long now) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (TrustedEmission emission : core.emitDue(now)) {
      if (emission.output() == TrustedEmission.Output.DEAD_LETTER) {
        continue;
      }
      Map<String, Object> row =
          TrustedDriver.codec(TrustedCoreRun.topicOf(emission.output()))
              .decodeToMap(emission.value());
      row.put("_output", emission.output().name());
      rows.add(row);
      (core == reference ? referenceRows : subjectRows).add(row);
      if (core == subject) {
        lake.emitted(emission.output(), row);
      }
    }
    return rows;
  }
}
