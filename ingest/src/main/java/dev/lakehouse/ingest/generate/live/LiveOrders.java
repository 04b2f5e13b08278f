package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.ingest.generate.ConsumerProfile;
import dev.lakehouse.ingest.generate.OrderLineWriter;
import dev.lakehouse.ingest.generate.OrderSkeleton;
import dev.lakehouse.ingest.generate.RandomStreams;
import dev.lakehouse.ingest.generate.RestaurantTable;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Makes live orders with the batch generator's pieces: live order {@code n} is the batch's order
 * skeleton for index {@link #FIRST_INDEX} + n (so its id never meets a batch file's of the same
 * seed), created at the moment given, rendered by {@link OrderLineWriter}. Orders go to the initial
 * consumers and to the consumers who joined since; {@value #NEW_CONSUMER_SHARE} of them come from a
 * brand-new consumer, who signed up a little earlier. Not thread safe.
 */
final class LiveOrders {
  static final long FIRST_INDEX = 1L << 40;
  static final double NEW_CONSUMER_SHARE = 0.03;
  static final long MAX_SIGN_UP_LEAD_MILLIS = 10 * 60_000L;

  /**
   * One order.
   *
   * @param line the order.json line, UTF-8
   * @param newConsumer the consumer this order is the first of, or null
   */
  record LiveOrder(
      String orderId, long createdAtMillis, byte[] line, ConsumerProfile newConsumer) {}

  private final RandomStreams streams;
  private final RestaurantTable restaurants;
  private final long initialConsumers;
  private final OrderLineWriter writer;
  private final StringBuilder line = new StringBuilder(8192);
  private long joinedConsumers;
  private long made;

  LiveOrders(RandomStreams streams, RestaurantTable restaurants, long initialConsumers) {
    this.streams = streams;
    this.restaurants = restaurants;
    this.initialConsumers = initialConsumers;
    this.writer = new OrderLineWriter(streams);
  }

  LiveOrder next(long createdAtMillis, SplittableRandom random) {
    long known = initialConsumers + joinedConsumers;
    OrderSkeleton drawn =
        OrderSkeleton.derive(streams, restaurants, known, FIRST_INDEX + made++, false);
    long consumer = drawn.consumerIndex();
    ConsumerProfile newConsumer = null;
    if (!drawn.customerIdNull() && random.nextDouble() < NEW_CONSUMER_SHARE) {
      consumer = known;
      joinedConsumers++;
      ConsumerProfile profile = ConsumerProfile.derive(streams, consumerIndex(consumer));
      long signedUp = createdAtMillis - 1 - random.nextLong(MAX_SIGN_UP_LEAD_MILLIS);
      newConsumer =
          new ConsumerProfile(
              profile.id(),
              profile.language(),
              signedUp,
              profile.active(),
              profile.name(),
              profile.phoneArea(),
              profile.phoneNumber(),
              profile.cpf());
    }
    OrderSkeleton order =
        new OrderSkeleton(
            drawn.index(),
            drawn.orderId(),
            drawn.restaurant(),
            consumerIndex(consumer),
            drawn.customerIdNull(),
            drawn.deliveryCity(),
            createdAtMillis,
            false,
            0);
    writer.prepare(order);
    line.setLength(0);
    writer.appendLine(line);
    return new LiveOrder(
        order.orderId(),
        createdAtMillis,
        line.toString().getBytes(StandardCharsets.UTF_8),
        newConsumer);
  }

  /**
   * The initial consumers are the batch's 0..n-1; those who join later come from far past any batch
   * file.
   */
  private long consumerIndex(long consumer) {
    return consumer < initialConsumers ? consumer : FIRST_INDEX + consumer - initialConsumers;
  }
}
