package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * Writes restaurant.csv.gz: one row per restaurant of the {@link RestaurantTable}; delivery_time
 * rarely empty, minimum_order_value often empty.
 */
public final class RestaurantFile {
  /** 2016-01-01T00:00:00Z: restaurants joined in 2016 to 2018. */
  private static final long JOINED_FROM = 1_451_606_400_000L;

  private static final long JOINED_SPAN = 1096L * 86_400_000L;

  private final GenerationContext context;

  RestaurantFile(GenerationContext context) {
    this.context = context;
  }

  FileManifest write(OutputStream raw) throws IOException {
    Dataset dataset = Dataset.RESTAURANT;
    CsvFileWriter file =
        new CsvFileWriter(
            raw, dataset.fileName(), dataset, context.options().badRate(), context.streams());
    try (file) {
      String[] cells = new String[dataset.fieldNames().size()];
      RestaurantTable restaurants = context.restaurants();
      for (int i = 0; i < restaurants.size(); i++) {
        fill(
            cells,
            restaurants.get(i),
            context.streams().of(RandomStreams.Purpose.RESTAURANT_DETAILS, i));
        file.write(cells);
      }
    }
    return file.manifest();
  }

  public static void fill(String[] cells, Restaurant restaurant, SplittableRandom random) {
    BrazilianCity city = restaurant.cityInfo();
    double range = random.nextDouble();
    int priceRange = range < 0.15 ? 1 : range < 0.50 ? 2 : range < 0.80 ? 3 : range < 0.95 ? 4 : 5;
    cells[0] = restaurant.id();
    cells[1] = IsoInstant.format(JOINED_FROM + random.nextLong(JOINED_SPAN));
    cells[2] = Boolean.toString(RandomText.chance(random, 0.9));
    cells[3] = Integer.toString(priceRange);
    cells[4] = Double.toString((priceRange * 2000 + random.nextInt(2500)) / 100.0);
    cells[5] = Integer.toString(random.nextInt(4) * 5 + (RandomText.chance(random, 0.3) ? 0 : 10));
    cells[6] =
        RandomText.chance(random, 0.02) ? null : Integer.toString(20 + 5 * random.nextInt(15));
    cells[7] =
        RandomText.chance(random, 0.3)
            ? null
            : Double.toString((800 + 250 * random.nextInt(9)) / 100.0);
    cells[8] =
        RandomText.zeroPadded(
            city.zipFrom() + random.nextInt(city.zipTo() - city.zipFrom() + 1), 5);
    cells[9] = city.name();
    cells[10] = city.state();
    cells[11] = "BR";
  }
}
