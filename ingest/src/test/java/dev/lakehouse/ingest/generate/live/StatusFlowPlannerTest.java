package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lakehouse.ingest.generate.live.StatusFlow.Status;
import dev.lakehouse.ingest.generate.live.StatusFlow.Step;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatusFlowPlannerTest {
  private static final int FLOWS = 100_000;

  @Test
  void flowsAreTheSourcesValidFlowsWithItsShares() {
    StatusFlowPlanner planner = new StatusFlowPlanner(Duration.ofMinutes(1));
    SplittableRandom random = new SplittableRandom(1);
    Map<Status, Integer> last = new EnumMap<>(Status.class);
    int placed = 0;
    for (int i = 0; i < FLOWS; i++) {
      StatusFlow flow = planner.plan(random);
      List<Status> statuses = flow.steps().stream().map(Step::status).toList();
      assertThat(statuses)
          .isIn(
              List.of(Status.REGISTERED),
              List.of(Status.REGISTERED, Status.PLACED),
              List.of(Status.REGISTERED, Status.CANCELLED),
              List.of(Status.REGISTERED, Status.PLACED, Status.CONCLUDED),
              List.of(Status.REGISTERED, Status.PLACED, Status.CANCELLED));
      last.merge(flow.last(), 1, Integer::sum);
      placed += statuses.contains(Status.PLACED) ? 1 : 0;
    }
    assertThat(last.get(Status.CONCLUDED) / (double) FLOWS).isCloseTo(0.86, within(0.01));
    assertThat(last.get(Status.CANCELLED) / (double) FLOWS).isCloseTo(0.09, within(0.01));
    assertThat((last.get(Status.REGISTERED) + last.get(Status.PLACED)) / (double) FLOWS)
        .isCloseTo(0.05, within(0.01));
    assertThat(placed / (double) FLOWS).isCloseTo(0.95, within(0.01));
  }

  @Test
  void offsetsFollowTheFlowAndTheScale() {
    StatusFlowPlanner planner = new StatusFlowPlanner(Duration.ofSeconds(40));
    SplittableRandom random = new SplittableRandom(2);
    int registeredFirst = 0;
    for (int i = 0; i < FLOWS; i++) {
      StatusFlow flow = planner.plan(random);
      List<Step> steps = flow.steps();
      assertThat(steps.get(0).offsetMillis()).isZero();
      for (int s = 1; s < steps.size(); s++) {
        long gap = steps.get(s).offsetMillis() - steps.get(s - 1).offsetMillis();
        if (steps.get(s).status() == Status.PLACED) {
          assertThat(gap).isBetween(500L, 1_500L);
        } else {
          assertThat(gap).isBetween(2_000L, 40_000L);
        }
      }
      for (int s = 0; s < steps.size(); s++) {
        Step step = steps.get(s);
        if (step.duplicated()) {
          long next = s + 1 < steps.size() ? steps.get(s + 1).offsetMillis() : Long.MAX_VALUE;
          assertThat(step.duplicateOffsetMillis())
              .isBetween(step.offsetMillis(), Math.min(next, step.offsetMillis() + 500));
        }
      }
      if (flow.registeredFirst()) {
        registeredFirst++;
        assertThat(flow.orderLineOffsetMillis()).isBetween(0L, 2_000L);
      } else {
        assertThat(flow.orderLineOffsetMillis()).isZero();
      }
    }
    assertThat(registeredFirst / (double) FLOWS)
        .isCloseTo(StatusFlowPlanner.REGISTERED_FIRST_SHARE, within(0.005));
  }

  @Test
  void aZeroScaleConcludesAtOnceAfterPlacement() {
    StatusFlowPlanner planner = new StatusFlowPlanner(Duration.ZERO);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 1_000; i++) {
      List<Step> steps = planner.plan(random).steps();
      Step last = steps.get(steps.size() - 1);
      if (last.status() == Status.CONCLUDED) {
        assertThat(last.offsetMillis()).isEqualTo(steps.get(1).offsetMillis());
      }
    }
  }
}
