package dev.lakehouse.ingest.generate;

/**
 * A restaurant as orders need it: id, city (index into {@link BrazilianCities}), cuisine and its
 * coordinates already formatted the source's way (strings, latitude and longitude swapped).
 *
 * @param merchantLatitude the text of the merchant_latitude field: the longitude value
 * @param merchantLongitude the text of the merchant_longitude field: the latitude value
 */
public record Restaurant(
    int index,
    String id,
    int city,
    Menu.Cuisine cuisine,
    String merchantLatitude,
    String merchantLongitude) {
  BrazilianCity cityInfo() {
    return BrazilianCities.get(city);
  }
}
