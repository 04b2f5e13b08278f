package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.ConsumerProfile;
import dev.lakehouse.ingest.generate.RandomStreams;
import dev.lakehouse.ingest.generate.RestaurantTable;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The state of one {@link LiveOrderStream} run, with no clock of its own: it is told the time and
 * says when it next has something to do. Arrivals and queued records due at the same millisecond go
 * queued records first. Not thread safe.
 */
final class LiveRun {
  /** Keeps the live streams apart from the batch generator's, which use the same seed. */
  private static final long LIVE_SALT = 0x6C6976654C697665L;

  private final LiveOptions options;
  private final CountingSink sink;
  private final RandomStreams streams;
  private final RestaurantTable restaurants;
  private final DimensionRecords dimensions;
  private final SplittableRandom arrivalRandom;
  private final SplittableRandom orderRandom;
  private final LiveOrders orders;
  private final EmissionQueue queue = new EmissionQueue();
  private final OrderScheduler scheduler;
  private PoissonArrivals arrivals;
  private long created;

  LiveRun(LiveOptions options, LiveSink sink) {
    this.options = options;
    this.sink = new CountingSink(sink);
    this.streams = new RandomStreams(options.seed());
    this.restaurants = new RestaurantTable(streams, options.restaurants());
    this.dimensions = new DimensionRecords(streams);
    SplittableRandom root = new SplittableRandom(options.seed() ^ LIVE_SALT);
    this.arrivalRandom = root.split();
    this.orderRandom = root.split();
    this.orders = new LiveOrders(streams, restaurants, options.initialConsumers());
    this.scheduler =
        new OrderScheduler(queue, new StatusFlowPlanner(options.statusDelayScale()), dimensions);
  }

  /**
   * Emits every restaurant and the initial consumers, then lets orders arrive from {@code
   * nowMillis} on.
   */
  void start(long nowMillis) throws IOException {
    for (int i = 0; i < restaurants.size(); i++) {
      sink.emit(
          Dataset.RESTAURANT, restaurants.get(i).id(), dimensions.restaurant(restaurants.get(i)));
    }
    for (long i = 0; i < options.initialConsumers(); i++) {
      ConsumerProfile consumer = ConsumerProfile.derive(streams, i);
      sink.emit(Dataset.CONSUMER, consumer.id(), dimensions.consumer(consumer));
    }
    arrivals = new PoissonArrivals(options.ordersPerSecond(), nowMillis, arrivalRandom);
  }

  /**
   * When something is next due (epoch millis); {@link Long#MAX_VALUE} once every order is out with
   * all its records.
   */
  long nextDueMillis() {
    return Math.min(nextArrivalMillis(), queue.nextDueMillis());
  }

  /**
   * Emits the next queued record or, when an arrival comes first, creates an order stamped {@code
   * nowMillis}.
   */
  void emitNext(long nowMillis) throws IOException {
    if (queue.nextDueMillis() <= nextArrivalMillis()) {
      EmissionQueue.Emission next = queue.poll();
      sink.emit(next.dataset(), next.key(), next.value());
    } else {
      scheduler.schedule(orders.next(nowMillis, orderRandom), orderRandom);
      arrivals.advance();
      created++;
    }
  }

  /** Records emitted so far, per dataset. */
  Map<Dataset, Long> counts() {
    return sink.counts();
  }

  private long nextArrivalMillis() {
    boolean more = !options.bounded() || created < options.maxOrders();
    return more ? arrivals.nextMillis() : Long.MAX_VALUE;
  }
}
