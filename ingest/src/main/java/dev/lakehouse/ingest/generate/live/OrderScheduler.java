package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.live.LiveOrders.LiveOrder;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Puts one order's records on the queue at their moments: a brand-new consumer's record just before
 * the order or, {@value #LATE_CONSUMER_SHARE} of the time, up to {@value
 * #MAX_CONSUMER_LATENESS_MILLIS} ms after it (a late dimension); the order line; its status rows,
 * each stamped with the moment it goes out, and their exact copies. Not thread safe.
 */
final class OrderScheduler {
  static final double LATE_CONSUMER_SHARE = 0.4;
  static final long MAX_CONSUMER_LATENESS_MILLIS = 5_000;

  private final EmissionQueue queue;
  private final StatusFlowPlanner planner;
  private final DimensionRecords dimensions;
  private final StatusLines statusLines = new StatusLines();

  OrderScheduler(EmissionQueue queue, StatusFlowPlanner planner, DimensionRecords dimensions) {
    this.queue = queue;
    this.planner = planner;
    this.dimensions = dimensions;
  }

  void schedule(LiveOrder order, SplittableRandom random) throws IOException {
    long created = order.createdAtMillis();
    if (order.newConsumer() != null) {
      long due =
          random.nextDouble() < LATE_CONSUMER_SHARE
              ? created + 1 + random.nextLong(MAX_CONSUMER_LATENESS_MILLIS)
              : created;
      queue.add(
          due,
          Dataset.CONSUMER,
          order.newConsumer().id(),
          dimensions.consumer(order.newConsumer()));
    }
    StatusFlow flow = planner.plan(random);
    if (!flow.registeredFirst()) {
      queue.add(created, Dataset.ORDER, order.orderId(), order.line());
    }
    for (StatusFlow.Step step : flow.steps()) {
      long at = created + step.offsetMillis();
      byte[] row = statusLines.render(at, order.orderId(), statusId(random), step.status());
      queue.add(at, Dataset.ORDER_STATUS, order.orderId(), row);
      if (step.duplicated()) {
        queue.add(
            created + step.duplicateOffsetMillis(), Dataset.ORDER_STATUS, order.orderId(), row);
      }
      if (flow.registeredFirst() && step.status() == StatusFlow.Status.REGISTERED) {
        queue.add(
            created + flow.orderLineOffsetMillis(), Dataset.ORDER, order.orderId(), order.line());
      }
    }
  }

  /** A version-4 UUID drawn from the stream, as the batch generator's status_ids are. */
  private static String statusId(SplittableRandom random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }
}
