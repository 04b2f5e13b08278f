package dev.lakehouse.ingest.generate;

import java.util.SplittableRandom;

/**
 * The choices that make an order, derived from the seed and the order's index alone, so the order
 * writer and the status writer agree without sharing state: id, restaurant, consumer, delivery
 * city, creation time and whether a false copy of the order exists ~30 days away.
 *
 * @param customerIdNull whether the order line carries a null customer_id (about 1%)
 * @param duplicated whether a second line with the same order_id exists, differing in cpf and
 *     created_at
 * @param duplicateCreatedAtMillis the false copy's order_created_at (no status matches it)
 */
public record OrderSkeleton(
    long index,
    String orderId,
    Restaurant restaurant,
    long consumerIndex,
    boolean customerIdNull,
    int deliveryCity,
    long createdAtMillis,
    boolean duplicated,
    long duplicateCreatedAtMillis) {
  static final double DUPLICATE_SHARE = 0.01;
  static final double NULL_CUSTOMER_SHARE = 0.01;
  private static final long DAY_MILLIS = 86_400_000L;

  /**
   * Derives order {@code index}; {@code allowDuplicate} is false for orders that must stay unique.
   */
  public static OrderSkeleton derive(
      RandomStreams streams,
      RestaurantTable restaurants,
      long consumers,
      long index,
      boolean allowDuplicate) {
    SplittableRandom random = streams.of(RandomStreams.Purpose.ORDER, index);
    String orderId = RandomText.uuid(random);
    Restaurant restaurant = restaurants.pickForOrder(random);
    long consumer =
        Math.min(consumers - 1, (long) (consumers * Math.pow(random.nextDouble(), 1.6)));
    boolean customerIdNull = RandomText.chance(random, NULL_CUSTOMER_SHARE);
    int deliveryCity =
        RandomText.chance(random, 0.99) ? restaurant.city() : BrazilianCities.popular(random);
    long createdAt = OrderClock.createdAtMillis(random, BrazilianCities.rules(restaurant.city()));
    boolean duplicated = allowDuplicate && RandomText.chance(random, DUPLICATE_SHARE);
    long duplicateCreatedAt = 0;
    if (duplicated) {
      long shift = 30 * DAY_MILLIS + (random.nextLong(DAY_MILLIS) - DAY_MILLIS / 2) / 1000 * 1000;
      duplicateCreatedAt = RandomText.chance(random, 0.6) ? createdAt - shift : createdAt + shift;
    }
    return new OrderSkeleton(
        index,
        orderId,
        restaurant,
        consumer,
        customerIdNull,
        deliveryCity,
        createdAt,
        duplicated,
        duplicateCreatedAt);
  }
}
