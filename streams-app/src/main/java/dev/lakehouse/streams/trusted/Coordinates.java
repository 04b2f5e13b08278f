package dev.lakehouse.streams.trusted;

/**
 * The source swaps latitude and longitude (Franca shows latitude -47.39, longitude -20.55): trusted
 * puts them back, and coarsens them to two decimal places (about 1.1 km), enough for a city
 * district and not enough to find a door.
 */
public final class Coordinates {
  /** Degrees are rounded to multiples of this. */
  public static final double STEP_DEGREES = 0.01;

  private Coordinates() {}

  /** The true latitude: the source's longitude field, coarsened. */
  public static Double latitude(Double sourceLatitude, Double sourceLongitude) {
    return coarse(sourceLongitude);
  }

  /** The true longitude: the source's latitude field, coarsened. */
  public static Double longitude(Double sourceLatitude, Double sourceLongitude) {
    return coarse(sourceLatitude);
  }

  static Double coarse(Double degrees) {
    if (degrees == null || degrees.isNaN() || degrees.isInfinite()) {
      return null;
    }
    return Math.round(degrees / STEP_DEGREES) / 100.0;
  }
}
