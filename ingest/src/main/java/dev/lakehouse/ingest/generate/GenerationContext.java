package dev.lakehouse.ingest.generate;

/**
 * What every file writer of one run shares, all immutable: the options, the random streams and the
 * restaurants. Consumers and orders are derived from their index on demand.
 */
final class GenerationContext {
  private final GeneratorOptions options;
  private final RandomStreams streams;
  private final RestaurantTable restaurants;

  GenerationContext(GeneratorOptions options) {
    this.options = options;
    this.streams = new RandomStreams(options.seed());
    this.restaurants = new RestaurantTable(streams, options.restaurants());
  }

  GeneratorOptions options() {
    return options;
  }

  RandomStreams streams() {
    return streams;
  }

  RestaurantTable restaurants() {
    return restaurants;
  }

  /**
   * Order {@code index}: 0..orders-1 are the main file's orders, later ones the truncated file's
   * (never duplicated).
   */
  OrderSkeleton order(long index) {
    return OrderSkeleton.derive(
        streams, restaurants, options.consumers(), index, index < options.orders());
  }
}
