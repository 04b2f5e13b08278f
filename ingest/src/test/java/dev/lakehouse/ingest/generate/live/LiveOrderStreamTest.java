package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.live.RecordingSink.Emitted;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bounded run on a fake clock: rate, flows, timing, record shapes, keys, quirks; then stopping.
 */
class LiveOrderStreamTest {
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  private static final LiveOptions OPTIONS =
      new LiveOptions(11, 200, 6_000, LiveOptions.DEFAULT_STATUS_DELAY_SCALE);

  private static FakeTime time;
  private static RecordingSink sink;
  private static Map<Dataset, Long> counts;
  private static Map<String, Emitted> orderById;
  private static Map<String, List<Emitted>> statusesByOrder;

  @BeforeAll
  static void run() throws Exception {
    time = new FakeTime(START);
    sink = new RecordingSink(time);
    counts = new LiveOrderStream(OPTIONS, time, time).run(sink);
    orderById = new LinkedHashMap<>();
    for (Emitted order : sink.of(Dataset.ORDER)) {
      assertThat(orderById.put(order.key(), order))
          .as("order %s emitted once", order.key())
          .isNull();
    }
    statusesByOrder = new HashMap<>();
    for (Emitted status : sink.of(Dataset.ORDER_STATUS)) {
      statusesByOrder.computeIfAbsent(status.key(), k -> new ArrayList<>()).add(status);
    }
  }

  @Test
  void maxOrdersEndsTheRunOnceEveryTransitionIsOut() {
    assertThat(orderById).hasSize(6_000);
    assertThat(counts).isEqualTo(sink.counts());
    long lastCreated = orderById.values().stream().mapToLong(o -> createdAt(o)).max().orElseThrow();
    long lastStatus =
        sink.of(Dataset.ORDER_STATUS).stream().mapToLong(s -> createdAt(s)).max().orElseThrow();
    assertThat(lastStatus)
        .isGreaterThan(lastCreated)
        .isLessThanOrEqualTo(lastCreated + 1_500 + 60_000);
    assertThat(time.millis())
        .isEqualTo(sink.records.get(sink.records.size() - 1).emittedAtMillis());
  }

  @Test
  void startsWithTheRestaurantsAndTheInitialConsumers() {
    List<Emitted> first =
        sink.records.subList(0, OPTIONS.restaurants() + OPTIONS.initialConsumers());
    assertThat(first.subList(0, OPTIONS.restaurants()))
        .allMatch(r -> r.dataset() == Dataset.RESTAURANT);
    assertThat(first.subList(OPTIONS.restaurants(), first.size()))
        .allMatch(r -> r.dataset() == Dataset.CONSUMER);
    assertThat(first).allMatch(r -> r.emittedAtMillis() == START.toEpochMilli());
    assertThat(OPTIONS.restaurants()).isEqualTo(2_000);
    assertThat(counts.get(Dataset.RESTAURANT)).isEqualTo(OPTIONS.restaurants());
  }

  @Test
  void everyValueHasTheContractFieldsInOrderAndIsKeyedByItsNaturalId() {
    for (Emitted record : sink.records) {
      JsonNode json = record.json();
      assertThat(RecordingSink.fieldNames(json)).isEqualTo(record.dataset().fieldNames());
      assertThat(json.get(record.dataset().keyField()).asText()).isEqualTo(record.key());
    }
  }

  @Test
  void csvDatasetsCarryStringsOrNulls() {
    for (Emitted record : sink.records) {
      if (record.dataset() == Dataset.CONSUMER || record.dataset() == Dataset.RESTAURANT) {
        record
            .json()
            .elements()
            .forEachRemaining(cell -> assertThat(cell.isTextual() || cell.isNull()).isTrue());
      }
    }
    assertThat(sink.of(Dataset.CONSUMER)).anyMatch(c -> c.json().get("customer_name").isNull());
    assertThat(sink.of(Dataset.RESTAURANT))
        .anyMatch(r -> r.json().get("minimum_order_value").isNull());
  }

  @Test
  void ordersKeepTheSourceQuirks() throws IOException {
    for (Emitted order : orderById.values()) {
      JsonNode json = order.json();
      assertThat(json.get("cpf").asText()).matches("\\d{11}");
      assertThat(json.get("items").isTextual()).isTrue();
      JsonNode items = RecordingSink.JSON.readTree(json.get("items").asText());
      assertThat(items.isArray()).isTrue();
      assertThat(items.get(0).get("unitPrice").get("value").isTextual()).isTrue();
      assertThat(json.get("order_total_amount").isNumber()).isTrue();
      // swapped: the *_latitude fields hold Brazil's longitudes (-34 to -74)
      assertThat(Double.parseDouble(json.get("merchant_latitude").asText()))
          .isBetween(-74.0, -34.0);
      assertThat(json.get("delivery_address_latitude").asDouble()).isBetween(-74.0, -34.0);
      assertThat(json.get("order_created_at").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }
  }

  @Test
  void ordersArriveAtTheRateStampedWithTheClock() {
    List<Long> created =
        orderById.values().stream().map(LiveOrderStreamTest::createdAt).sorted().toList();
    double seconds = (created.get(created.size() - 1) - START.toEpochMilli()) / 1000.0;
    assertThat(created.size() / seconds)
        .isCloseTo(OPTIONS.ordersPerSecond(), within(OPTIONS.ordersPerSecond() * 0.1));
    for (Emitted order : orderById.values()) {
      long lag = order.emittedAtMillis() - createdAt(order);
      assertThat(lag).isBetween(0L, StatusFlowPlanner.ORDER_LINE_MAX_DELAY_MILLIS);
    }
    long late = orderById.values().stream().filter(o -> o.emittedAtMillis() > createdAt(o)).count();
    assertThat(late).isLessThan(orderById.size() / 20);
  }

  @Test
  void everyOrderIsRegisteredAtOnceAndMostArePlacedAboutOneSecondLater() {
    int placed = 0;
    for (Emitted order : orderById.values()) {
      Map<String, Long> at = distinctStatuses(order.key());
      assertThat(at.get("REGISTERED")).isEqualTo(createdAt(order));
      if (at.containsKey("PLACED")) {
        placed++;
        assertThat(at.get("PLACED") - at.get("REGISTERED")).isBetween(500L, 1_500L);
      }
    }
    assertThat(placed / (double) orderById.size()).isCloseTo(0.95, within(0.02));
  }

  @Test
  void ordersConcludeOrAreCancelledAfterTheirDelaysAndSomeStayOpen() {
    Map<String, Integer> lastValues = new HashMap<>();
    long scale = OPTIONS.statusDelayScale().toMillis();
    for (Emitted order : orderById.values()) {
      Map<String, Long> at = distinctStatuses(order.key());
      String last = at.keySet().stream().reduce((a, b) -> b).orElseThrow();
      lastValues.merge(last, 1, Integer::sum);
      if (last.equals("CONCLUDED") || last.equals("CANCELLED")) {
        assertThat(at).hasSizeBetween(2, 3);
        long previous = at.containsKey("PLACED") ? at.get("PLACED") : at.get("REGISTERED");
        assertThat(at.get(last) - previous).isBetween(scale / 20, scale);
      }
    }
    double orders = orderById.size();
    assertThat(lastValues.get("CONCLUDED") / orders).isCloseTo(0.86, within(0.03));
    assertThat(lastValues.get("CANCELLED") / orders).isCloseTo(0.09, within(0.02));
    assertThat((lastValues.get("REGISTERED") + lastValues.get("PLACED")) / orders)
        .isCloseTo(0.05, within(0.02));
  }

  @Test
  void statusesGoOutAtTheirTimestampsWhichNeverDecreaseWithinAFlow() {
    for (Emitted order : orderById.values()) {
      long previous = createdAt(order);
      Set<String> seen = new HashSet<>();
      for (Emitted status : statusesByOrder.get(order.key())) {
        long at = createdAt(status);
        if (seen.add(status.text())) {
          assertThat(status.emittedAtMillis()).isEqualTo(at);
        } else { // an exact copy, a little later
          assertThat(status.emittedAtMillis() - at)
              .isBetween(0L, StatusFlowPlanner.DUPLICATE_MAX_DELAY_MILLIS);
        }
        assertThat(at).isGreaterThanOrEqualTo(previous);
        previous = at;
      }
    }
  }

  @Test
  void someStatusRowsComeTwiceVerbatim() {
    long copies = 0;
    for (List<Emitted> statuses : statusesByOrder.values()) {
      Set<String> seen = new HashSet<>();
      for (Emitted status : statuses) {
        if (!seen.add(status.text())) {
          copies++;
        }
      }
    }
    double rows = sink.of(Dataset.ORDER_STATUS).size();
    assertThat(copies / rows).isCloseTo(StatusFlowPlanner.DUPLICATE_ROW_SHARE, within(0.01));
  }

  @Test
  void someStatusesPrecedeTheirOrderLine() {
    long early = 0;
    for (Emitted order : orderById.values()) {
      Emitted first = statusesByOrder.get(order.key()).get(0);
      if (first.position() < order.position()) {
        early++;
        assertThat(first.json().get("value").asText()).isEqualTo("REGISTERED");
      }
    }
    assertThat(early / (double) orderById.size())
        .isCloseTo(StatusFlowPlanner.REGISTERED_FIRST_SHARE, within(0.01));
  }

  @Test
  void newConsumersArriveJustBeforeOrSoonAfterTheirFirstOrder() {
    Map<String, Emitted> consumerById = new HashMap<>();
    for (Emitted consumer : sink.of(Dataset.CONSUMER)) {
      assertThat(consumerById.put(consumer.key(), consumer)).isNull();
    }
    Map<String, Emitted> firstOrder = new HashMap<>();
    for (Emitted order : orderById.values()) {
      JsonNode customer = order.json().get("customer_id");
      if (!customer.isNull()) {
        assertThat(consumerById).containsKey(customer.asText());
        firstOrder.merge(customer.asText(), order, (a, b) -> a.position() < b.position() ? a : b);
      }
    }
    List<Emitted> joined =
        sink.of(Dataset.CONSUMER).subList(OPTIONS.initialConsumers(), consumerById.size());
    assertThat(joined.size() / (double) orderById.size())
        .isCloseTo(LiveOrders.NEW_CONSUMER_SHARE, within(0.01));
    long late = 0;
    for (Emitted consumer : joined) {
      Emitted order = firstOrder.get(consumer.key());
      assertThat(createdAt(consumer)).isLessThan(createdAt(order));
      if (consumer.position() > order.position()) {
        late++;
        assertThat(consumer.emittedAtMillis() - createdAt(order))
            .isBetween(1L, OrderScheduler.MAX_CONSUMER_LATENESS_MILLIS);
      } else {
        assertThat(consumer.emittedAtMillis()).isEqualTo(createdAt(order));
      }
    }
    assertThat(late / (double) joined.size())
        .isCloseTo(OrderScheduler.LATE_CONSUMER_SHARE, within(0.1));
  }

  @Test
  void aSeedGivesTheSameRecordsOnAFakeClock() throws Exception {
    LiveOptions small = new LiveOptions(5, 50, 300, Duration.ofSeconds(10));
    RecordingSink first = runToEnd(small);
    RecordingSink second = runToEnd(small);
    assertThat(second.records).hasSameSizeAs(first.records);
    for (int i = 0; i < first.records.size(); i++) {
      Emitted a = first.records.get(i);
      Emitted b = second.records.get(i);
      assertThat(List.of(b.dataset(), b.key(), b.emittedAtMillis()))
          .isEqualTo(List.of(a.dataset(), a.key(), a.emittedAtMillis()));
      assertThat(Arrays.equals(a.value(), b.value())).isTrue();
    }
    RecordingSink other = runToEnd(new LiveOptions(6, 50, 300, Duration.ofSeconds(10)));
    assertThat(other.of(Dataset.ORDER).get(0).key())
        .isNotEqualTo(first.of(Dataset.ORDER).get(0).key());
  }

  @Test
  void rateIsHonouredOverASimulatedMinute() throws Exception {
    for (double rate : new double[] {3, 50, 1_000}) {
      FakeTime clock = new FakeTime(START);
      LiveOrderStream stream = new LiveOrderStream(LiveOptions.unbounded(99, rate), clock, clock);
      clock.stopAt(START.plusSeconds(60), stream);
      Map<Dataset, Long> result = stream.run((dataset, key, value) -> {});
      assertThat(result.get(Dataset.ORDER) / 60.0)
          .as("orders per second at %s/s", rate)
          .isCloseTo(rate, within(rate * 0.1));
      assertThat(clock.millis()).isEqualTo(START.plusSeconds(60).toEpochMilli());
      assertThat(clock.sleeps())
          .isLessThanOrEqualTo(
              result.values().stream().mapToLong(Long::longValue).sum()
                  + 60_000 / LiveOrderStream.MAX_NAP_MILLIS);
    }
  }

  @Test
  void stopEndsAnUnboundedRunFromAnyCallback() throws Exception {
    FakeTime clock = new FakeTime(START);
    LiveOrderStream stream = new LiveOrderStream(LiveOptions.unbounded(3, 100), clock, clock);
    AtomicLong orders = new AtomicLong();
    Map<Dataset, Long> result =
        stream.run(
            (dataset, key, value) -> {
              if (dataset == Dataset.ORDER && orders.incrementAndGet() == 500) {
                stream.stop();
              }
            });
    assertThat(result.get(Dataset.ORDER)).isEqualTo(500);
    assertThatThrownBy(() -> stream.run((d, k, v) -> {})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInterruptEndsTheRun() {
    FakeTime clock = new FakeTime(START);
    LiveOrderStream stream = new LiveOrderStream(LiveOptions.unbounded(3, 100), clock, clock);
    assertThatThrownBy(
            () ->
                stream.run(
                    (dataset, key, value) -> {
                      if (dataset == Dataset.ORDER) {
                        Thread.currentThread().interrupt();
                      }
                    }))
        .isInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void sinkFailuresEndTheRun() {
    FakeTime clock = new FakeTime(START);
    LiveOrderStream stream = new LiveOrderStream(LiveOptions.unbounded(3, 100), clock, clock);
    assertThatThrownBy(
            () ->
                stream.run(
                    (dataset, key, value) -> {
                      if (dataset == Dataset.ORDER_STATUS) {
                        throw new IOException("broker gone");
                      }
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("broker gone");
  }

  private static RecordingSink runToEnd(LiveOptions options) throws Exception {
    FakeTime clock = new FakeTime(START);
    RecordingSink recorded = new RecordingSink(clock);
    new LiveOrderStream(options, clock, clock).run(recorded);
    return recorded;
  }

  /** The first timestamp of each distinct status value of an order, in flow order. */
  private static Map<String, Long> distinctStatuses(String orderId) {
    Map<String, Long> at = new LinkedHashMap<>();
    for (Emitted status : statusesByOrder.get(orderId)) {
      at.putIfAbsent(status.json().get("value").asText(), createdAt(status));
    }
    return at;
  }

  private static long createdAt(Emitted record) {
    String field = record.dataset() == Dataset.ORDER ? "order_created_at" : "created_at";
    return Instant.parse(record.json().get(field).asText()).toEpochMilli();
  }
}
