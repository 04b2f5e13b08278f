package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.ConsumerProfile;
import dev.lakehouse.ingest.generate.IsoInstant;
import dev.lakehouse.ingest.generate.RandomStreams;
import dev.lakehouse.ingest.generate.Restaurant;
import dev.lakehouse.ingest.generate.RestaurantFile;
import java.io.IOException;

/**
 * Restaurant and consumer records: the batch generator's restaurant.csv and consumer.csv rows (same
 * seed, same rows), as the file ingestor would publish them. Not thread safe.
 */
final class DimensionRecords {
  private final RandomStreams streams;
  private final CsvRecordJson restaurantJson = new CsvRecordJson(Dataset.RESTAURANT);
  private final CsvRecordJson consumerJson = new CsvRecordJson(Dataset.CONSUMER);
  private final String[] restaurantCells = new String[Dataset.RESTAURANT.fieldNames().size()];
  private final String[] consumerCells = new String[Dataset.CONSUMER.fieldNames().size()];

  DimensionRecords(RandomStreams streams) {
    this.streams = streams;
  }

  byte[] restaurant(Restaurant restaurant) throws IOException {
    RestaurantFile.fill(
        restaurantCells,
        restaurant,
        streams.of(RandomStreams.Purpose.RESTAURANT_DETAILS, restaurant.index()));
    return restaurantJson.toJson(restaurantCells);
  }

  /**
   * The row consumer.csv holds for {@code consumer} (its cells in the order ConsumerFile writes
   * them).
   */
  byte[] consumer(ConsumerProfile consumer) throws IOException {
    consumerCells[0] = consumer.id();
    consumerCells[1] = consumer.language();
    consumerCells[2] = IsoInstant.format(consumer.createdAtMillis());
    consumerCells[3] = Boolean.toString(consumer.active());
    consumerCells[4] = consumer.name();
    consumerCells[5] = consumer.phoneArea();
    consumerCells[6] = consumer.phoneNumber();
    return consumerJson.toJson(consumerCells);
  }
}
