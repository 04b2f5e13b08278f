package dev.lakehouse.ingest.generate.live;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link LiveOrderStream} streams.
 *
 * @param seed the seed of every random choice: with a fake clock, same options, same records
 * @param ordersPerSecond the mean rate of new orders, above 0 and at most {@value
 *     #MAX_ORDERS_PER_SECOND}
 * @param maxOrders orders to create before the stream winds down (their transitions still follow);
 *     0 = unbounded
 * @param statusDelayScale the longest wait from placement to the final status (CONCLUDED or
 *     CANCELLED); waits are drawn between a twentieth of it and all of it, so {@link
 *     #DEFAULT_STATUS_DELAY_SCALE} gives 3 s to 60 s. Zero makes the final status follow at once.
 *     At most a day.
 */
public record LiveOptions(
    long seed, double ordersPerSecond, long maxOrders, Duration statusDelayScale) {
  /** "A few seconds to a minute" from placement to the final status. */
  public static final Duration DEFAULT_STATUS_DELAY_SCALE = Duration.ofMinutes(1);

  public static final double MAX_ORDERS_PER_SECOND = 100_000;
  private static final int MIN_RESTAURANTS = 50;
  private static final int MAX_RESTAURANTS = 2_000;
  private static final int RESTAURANTS_PER_ORDER_PER_SECOND = 20;
  private static final int CONSUMERS_PER_RESTAURANT = 10;

  public LiveOptions {
    if (!(ordersPerSecond > 0 && ordersPerSecond <= MAX_ORDERS_PER_SECOND)) {
      throw new IllegalArgumentException(
          "ordersPerSecond must be above 0 and at most "
              + MAX_ORDERS_PER_SECOND
              + ", got "
              + ordersPerSecond);
    }
    if (maxOrders < 0) {
      throw new IllegalArgumentException(
          "maxOrders must be 0 (unbounded) or more, got " + maxOrders);
    }
    Objects.requireNonNull(statusDelayScale, "statusDelayScale");
    if (statusDelayScale.isNegative() || statusDelayScale.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "statusDelayScale must be between 0 and 1 day, got " + statusDelayScale);
    }
  }

  /** An unbounded stream at {@code ordersPerSecond} with the default status delays. */
  public static LiveOptions unbounded(long seed, double ordersPerSecond) {
    return new LiveOptions(seed, ordersPerSecond, 0, DEFAULT_STATUS_DELAY_SCALE);
  }

  /**
   * Restaurants emitted at start: 20 per order per second, between 50 and 2,000 (10 orders/s →
   * 200).
   */
  public int restaurants() {
    double wanted = Math.ceil(ordersPerSecond * RESTAURANTS_PER_ORDER_PER_SECOND);
    return (int) Math.max(MIN_RESTAURANTS, Math.min(MAX_RESTAURANTS, wanted));
  }

  /** Consumers emitted at start: ten per restaurant, the batch generator's ratio. */
  public int initialConsumers() {
    return restaurants() * CONSUMERS_PER_RESTAURANT;
  }

  /** Whether the stream stops creating orders after {@link #maxOrders()}. */
  public boolean bounded() {
    return maxOrders > 0;
  }
}
