package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.ingest.generate.live.StatusFlow.Status;
import dev.lakehouse.ingest.generate.live.StatusFlow.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the {@link StatusFlow} of an order, with the batch generator's shares: REGISTERED at once,
 * PLACED 0.5–1.5 s later (95%), then CONCLUDED (86%) or CANCELLED (6% after PLACED, 3% straight
 * from REGISTERED) after a wait of a twentieth of the delay scale to all of it; 5% stay open. Now
 * and then a row is sent twice, and REGISTERED goes out before the order line.
 */
final class StatusFlowPlanner {
  static final double REGISTERED_FIRST_SHARE = 0.02;
  static final double DUPLICATE_ROW_SHARE = 0.02;
  static final long PLACED_MIN_MILLIS = 500;
  static final long PLACED_MAX_MILLIS = 1_500;
  static final long ORDER_LINE_MAX_DELAY_MILLIS = 2_000;
  static final long DUPLICATE_MAX_DELAY_MILLIS = 500;
  private static final double CONCLUDED_BELOW = 0.86;
  private static final double CANCELLED_AFTER_PLACED_BELOW = 0.92;
  private static final double CANCELLED_UNPLACED_BELOW = 0.95;
  private static final double OPEN_UNPLACED_BELOW = 0.97;

  private final long longestWaitMillis;
  private final long shortestWaitMillis;

  StatusFlowPlanner(Duration statusDelayScale) {
    this.longestWaitMillis = statusDelayScale.toMillis();
    this.shortestWaitMillis = longestWaitMillis / 20;
  }

  StatusFlow plan(SplittableRandom random) {
    double flow = random.nextDouble();
    List<Status> statuses = new ArrayList<>(3);
    long[] offsets = new long[3];
    statuses.add(Status.REGISTERED);
    boolean placed = flow < CANCELLED_AFTER_PLACED_BELOW || flow >= OPEN_UNPLACED_BELOW;
    if (placed) {
      offsets[statuses.size()] =
          PLACED_MIN_MILLIS + random.nextLong(PLACED_MAX_MILLIS - PLACED_MIN_MILLIS + 1);
      statuses.add(Status.PLACED);
    }
    if (flow < CANCELLED_UNPLACED_BELOW) {
      offsets[statuses.size()] = offsets[statuses.size() - 1] + finalWait(random);
      statuses.add(flow < CONCLUDED_BELOW ? Status.CONCLUDED : Status.CANCELLED);
    }
    List<Step> steps = new ArrayList<>(statuses.size());
    for (int i = 0; i < statuses.size(); i++) {
      long duplicate = Step.NO_DUPLICATE;
      if (random.nextDouble() < DUPLICATE_ROW_SHARE) {
        long room =
            i + 1 < statuses.size() ? offsets[i + 1] - offsets[i] : DUPLICATE_MAX_DELAY_MILLIS;
        duplicate = offsets[i] + random.nextLong(Math.min(room, DUPLICATE_MAX_DELAY_MILLIS) + 1);
      }
      steps.add(new Step(statuses.get(i), offsets[i], duplicate));
    }
    boolean registeredFirst = random.nextDouble() < REGISTERED_FIRST_SHARE;
    long orderLineOffset = registeredFirst ? random.nextLong(ORDER_LINE_MAX_DELAY_MILLIS + 1) : 0;
    return new StatusFlow(registeredFirst, orderLineOffset, steps);
  }

  private long finalWait(SplittableRandom random) {
    return shortestWaitMillis + random.nextLong(longestWaitMillis - shortestWaitMillis + 1);
  }
}
