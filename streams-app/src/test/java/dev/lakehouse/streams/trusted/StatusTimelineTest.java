package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.streams.trusted.StatusEvent.OrderStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatusTimelineTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-01-17T22:50:06Z");

  private static StatusEvent event(String id, OrderStatus state, long secondsAfter) {
    return new StatusEvent(id, state, T0.plusSeconds(secondsAfter));
  }

  @Test
  void repeatedEventsCountOnceAndArrivalOrderDoesNotMatter() {
    List<StatusEvent> events =
        new ArrayList<>(
            List.of(
                event("s1", OrderStatus.REGISTERED, 0),
                event("s1", OrderStatus.REGISTERED, 0),
                event("s1", OrderStatus.REGISTERED, 0),
                event("s2", OrderStatus.PLACED, 1),
                event("s3", OrderStatus.CONCLUDED, 3600),
                event("s3", OrderStatus.CONCLUDED, 3600)));
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(events, random);
      StatusTimeline timeline = StatusTimeline.of(events);
      assertThat(timeline.distinctEvents()).isEqualTo(3);
      assertThat(timeline.firstTime(OrderStatus.REGISTERED)).isEqualTo(T0);
      assertThat(timeline.firstTime(OrderStatus.PLACED)).isEqualTo(T0.plusSeconds(1));
      assertThat(timeline.firstTime(OrderStatus.CANCELLED)).isNull();
      assertThat(timeline.last().value()).isEqualTo(OrderStatus.CONCLUDED);
      assertThat(timeline.validFlow()).isTrue();
    }
  }

  @Test
  void aTieOnTheLastInstantGoesToTheStateFurtherInTheFlowThenToTheStatusId() {
    StatusTimeline tie =
        StatusTimeline.of(
            List.of(
                event("a", OrderStatus.REGISTERED, 0),
                event("z", OrderStatus.PLACED, 5),
                event("b", OrderStatus.CANCELLED, 5)));
    assertThat(tie.last().value()).isEqualTo(OrderStatus.CANCELLED);
    StatusTimeline sameState =
        StatusTimeline.of(
            List.of(event("b", OrderStatus.PLACED, 5), event("c", OrderStatus.PLACED, 5)));
    assertThat(sameState.last().statusId()).isEqualTo("c");
  }

  @Test
  void theFirstTimeOfAStateRepeatedOnAnotherDayIsTheEarliest() {
    StatusTimeline timeline =
        StatusTimeline.of(
            List.of(
                event("s1", OrderStatus.REGISTERED, 0),
                event("s9", OrderStatus.REGISTERED, 86_400 * 3),
                event("s2", OrderStatus.PLACED, 1)));
    assertThat(timeline.firstTime(OrderStatus.REGISTERED)).isEqualTo(T0);
    assertThat(timeline.last().statusId()).isEqualTo("s9");
    assertThat(timeline.validFlow()).isTrue();
  }

  @Test
  void validFlowsIncludingOpenOnesAndEqualTimes() {
    assertThat(flow(OrderStatus.REGISTERED)).isTrue();
    assertThat(flow(OrderStatus.REGISTERED, OrderStatus.PLACED)).isTrue();
    assertThat(flow(OrderStatus.REGISTERED, OrderStatus.PLACED, OrderStatus.CONCLUDED)).isTrue();
    assertThat(flow(OrderStatus.REGISTERED, OrderStatus.PLACED, OrderStatus.CANCELLED)).isTrue();
    assertThat(flow(OrderStatus.REGISTERED, OrderStatus.CANCELLED)).isTrue();
    assertThat(
            StatusTimeline.of(
                    List.of(
                        event("a", OrderStatus.REGISTERED, 0), event("b", OrderStatus.PLACED, 0)))
                .validFlow())
        .as("equal times count as in order")
        .isTrue();
  }

  @Test
  void invalidFlows() {
    assertThat(flow(OrderStatus.PLACED)).as("no REGISTERED").isFalse();
    assertThat(flow(OrderStatus.REGISTERED, OrderStatus.CONCLUDED))
        .as("CONCLUDED without PLACED")
        .isFalse();
    assertThat(
            flow(
                OrderStatus.REGISTERED,
                OrderStatus.PLACED,
                OrderStatus.CONCLUDED,
                OrderStatus.CANCELLED))
        .isFalse();
    assertThat(
            StatusTimeline.of(
                    List.of(
                        event("a", OrderStatus.REGISTERED, 10), event("b", OrderStatus.PLACED, 5)))
                .validFlow())
        .as("PLACED before REGISTERED")
        .isFalse();
    assertThat(StatusTimeline.of(List.of()).validFlow()).isFalse();
    assertThat(StatusTimeline.of(List.of()).last()).isNull();
  }

  private static boolean flow(OrderStatus... states) {
    List<StatusEvent> events = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      events.add(event("s" + i, states[i], i * 60L));
    }
    return StatusTimeline.of(events).validFlow();
  }
}
