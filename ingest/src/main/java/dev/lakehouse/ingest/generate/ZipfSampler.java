package dev.lakehouse.ingest.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with Zipf-like weights {@code 1 / (rank + 1 + shift)^exponent}: a few ranks
 * are drawn very often, most rarely. One binary search per draw.
 */
final class ZipfSampler {
  private final double[] cumulative;

  ZipfSampler(int size, double exponent, double shift) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1");
    }
    cumulative = new double[size];
    double sum = 0;
    for (int rank = 0; rank < size; rank++) {
      sum += 1.0 / Math.pow(rank + 1 + shift, exponent);
      cumulative[rank] = sum;
    }
  }

  int size() {
    return cumulative.length;
  }

  int sample(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int index = Arrays.binarySearch(cumulative, target);
    if (index < 0) {
      index = -index - 1;
    }
    return Math.min(index, cumulative.length - 1);
  }
}
