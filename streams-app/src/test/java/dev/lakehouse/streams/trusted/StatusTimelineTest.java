package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.streams.trusted.StatusEvent.OrderState;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatusTimelineTest {
  private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-01-17T22:50:06Z");

  private static StatusEvent event(String id, OrderState state, long secondsAfter) {
    return new StatusEvent(id, state, T0.plusSeconds(secondsAfter));
  }

  @Test
  void repeatedEventsCountOnceAndArrivalOrderDoesNotMatter() {
    List<StatusEvent> events = new ArrayList<>(List.of(
        event("s1", OrderState.REGISTERED, 0), event("s1", OrderState.REGISTERED, 0), event("s1", OrderState.REGISTERED, 0),
        event("s2", OrderState.PLACED, 1), event("s3", OrderState.CONCLUDED, 3600), event("s3", OrderState.CONCLUDED, 3600)));
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Collections.shuffle(events, random);
      StatusTimeline timeline = StatusTimeline.of(events);
      assertThat(timeline.distinctEvents()).isEqualTo(3);
      assertThat(timeline.firstTime(OrderState.REGISTERED)).isEqualTo(T0);
      assertThat(timeline.firstTime(OrderState.PLACED)).isEqualTo(T0.plusSeconds(1));
      assertThat(timeline.firstTime(OrderState.CANCELLED)).isNull();
      assertThat(timeline.last().value()).isEqualTo(OrderState.CONCLUDED);
      assertThat(timeline.validFlow()).isTrue();
    }
  }

  @Test
  void aTieOnTheLastInstantGoesToTheStateFurtherInTheFlowThenToTheStatusId() {
    StatusTimeline tie = StatusTimeline.of(List.of(event("a", OrderState.REGISTERED, 0), event("z", OrderState.PLACED, 5),
        event("b", OrderState.CANCELLED, 5)));
    assertThat(tie.last().value()).isEqualTo(OrderState.CANCELLED);
    StatusTimeline sameState = StatusTimeline.of(List.of(event("b", OrderState.PLACED, 5), event("c", OrderState.PLACED, 5)));
    assertThat(sameState.last().statusId()).isEqualTo("c");
  }

  @Test
  void theFirstTimeOfAStateRepeatedOnAnotherDayIsTheEarliest() {
    StatusTimeline timeline = StatusTimeline.of(List.of(event("s1", OrderState.REGISTERED, 0), event("s9", OrderState.REGISTERED, 86_400 * 3),
        event("s2", OrderState.PLACED, 1)));
    assertThat(timeline.firstTime(OrderState.REGISTERED)).isEqualTo(T0);
    assertThat(timeline.last().statusId()).isEqualTo("s9");
    assertThat(timeline.validFlow()).isTrue();
  }

  @Test
  void validFlowsIncludingOpenOnesAndEqualTimes() {
    assertThat(flow(OrderState.REGISTERED)).isTrue();
    assertThat(flow(OrderState.REGISTERED, OrderState.PLACED)).isTrue();
    assertThat(flow(OrderState.REGISTERED, OrderState.PLACED, OrderState.CONCLUDED)).isTrue();
    assertThat(flow(OrderState.REGISTERED, OrderState.PLACED, OrderState.CANCELLED)).isTrue();
    assertThat(flow(OrderState.REGISTERED, OrderState.CANCELLED)).isTrue();
    assertThat(StatusTimeline.of(List.of(event("a", OrderState.REGISTERED, 0), event("b", OrderState.PLACED, 0))).validFlow())
        .as("equal times count as in order").isTrue();
  }

  @Test
  void invalidFlows() {
    assertThat(flow(OrderState.PLACED)).as("no REGISTERED").isFalse();
    assertThat(flow(OrderState.REGISTERED, OrderState.CONCLUDED)).as("CONCLUDED without PLACED").isFalse();
    assertThat(flow(OrderState.REGISTERED, OrderState.PLACED, OrderState.CONCLUDED, OrderState.CANCELLED)).isFalse();
    assertThat(StatusTimeline.of(List.of(event("a", OrderState.REGISTERED, 10), event("b", OrderState.PLACED, 5))).validFlow())
        .as("PLACED before REGISTERED").isFalse();
    assertThat(StatusTimeline.of(List.of()).validFlow()).isFalse();
    assertThat(StatusTimeline.of(List.of()).last()).isNull();
  }

  private static boolean flow(OrderState... states) {
    List<StatusEvent> events = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      events.add(event("s" + i, states[i], i * 60L));
    }
    return StatusTimeline.of(events).validFlow();
  }
}
