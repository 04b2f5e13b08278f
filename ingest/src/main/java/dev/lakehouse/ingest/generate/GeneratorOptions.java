package dev.lakehouse.ingest.generate;

/**
 * What {@link FoodDeliveryGenerator} generates: the random seed (same options, same bytes), the
 * number of distinct orders (every other count follows from it) and the share of lines replaced by
 * bad ones.
 *
 * @param seed the seed of every random choice
 * @param orders distinct orders, at least 1
 * @param badRate share of each file's lines replaced by bad lines, 0 to 0.5; above 0 a truncated
 *     gzip file is added
 */
public record GeneratorOptions(long seed, long orders, double badRate) {
  /** The name of the truncated gzip file added when {@link #badRate()} is above 0. */
  public static final String TRUNCATED_FILE_NAME = "order-part-truncated.json.gz";

  public GeneratorOptions {
    if (orders < 1) {
      throw new IllegalArgumentException("orders must be at least 1, got " + orders);
    }
    if (!(badRate >= 0 && badRate <= 0.5)) {
      throw new IllegalArgumentException("badRate must be between 0 and 0.5, got " + badRate);
    }
  }

  /** Consumers in consumer.csv.gz: a quarter of the orders, at least 10. */
  public long consumers() {
    return Math.max(10, orders / 4);
  }

  /** Restaurants in restaurant.csv.gz: a fortieth of the orders, at least 5. */
  public int restaurants() {
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(5, orders / 40));
  }

  /** Whether bad lines and the truncated gzip file are generated. */
  public boolean withBadData() {
    return badRate > 0;
  }

  /** Lines of the truncated gzip file (before truncation): 1% of the orders, at least 20. */
  public long truncatedFileOrders() {
    return Math.max(20, Math.round(orders * 0.01));
  }
}
