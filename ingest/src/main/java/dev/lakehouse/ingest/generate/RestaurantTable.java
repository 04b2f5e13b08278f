package dev.lakehouse.ingest.generate;

import java.util.SplittableRandom;

/**
 * All restaurants (a fortieth of the orders: small enough to hold), each in a city drawn by city
 * popularity, and a Zipf-like draw of the restaurant an order goes to: a few restaurants are very
 * busy. The busiest ones are spread over the file, not first.
 */
public final class RestaurantTable {
  private final Restaurant[] restaurants;
  private final int[] restaurantByRank;
  private final ZipfSampler popularity;

  public RestaurantTable(RandomStreams streams, int count) {
    restaurants = new Restaurant[count];
    for (int i = 0; i < count; i++) {
      restaurants[i] = derive(streams.of(RandomStreams.Purpose.RESTAURANT, i), i);
    }
    restaurantByRank = new int[count];
    for (int i = 0; i < count; i++) {
      restaurantByRank[i] = i;
    }
    SplittableRandom shuffle = streams.of(RandomStreams.Purpose.RESTAURANT_RANKS, 0);
    for (int i = count - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      int swap = restaurantByRank[i];
      restaurantByRank[i] = restaurantByRank[j];
      restaurantByRank[j] = swap;
    }
    popularity = new ZipfSampler(count, 1.0, 1.0);
  }

  private static Restaurant derive(SplittableRandom random, int index) {
    String id = RandomText.uuid(random);
    int city = BrazilianCities.popular(random);
    BrazilianCity info = BrazilianCities.get(city);
    Menu.Cuisine cuisine = Menu.Cuisine.values()[random.nextInt(Menu.Cuisine.values().length)];
    long latitude = Math.round(info.latitude() * 100) + random.nextInt(9) - 4;
    long longitude = Math.round(info.longitude() * 100) + random.nextInt(9) - 4;
    return new Restaurant(
        index, id, city, cuisine, JsonText.hundredths(longitude), JsonText.hundredths(latitude));
  }

  public int size() {
    return restaurants.length;
  }

  public Restaurant get(int index) {
    return restaurants[index];
  }

  /** A restaurant for an order, busy ones far more often. */
  Restaurant pickForOrder(SplittableRandom random) {
    return restaurants[restaurantByRank[popularity.sample(random)]];
  }
}
