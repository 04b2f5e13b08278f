package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonArrivalsTest {
  @Test
  void arrivalsComeAtTheRateWithExponentialGaps() {
    for (double rate : new double[] {0.5, 20, 5_000}) {
      PoissonArrivals arrivals = new PoissonArrivals(rate, 1_000_000, new SplittableRandom(4));
      int count = 20_000;
      long previous = 1_000_000;
      int withinMeanGap = 0;
      double meanGapMillis = 1000 / rate;
      for (int i = 0; i < count; i++) {
        long next = arrivals.nextMillis();
        assertThat(next).isGreaterThanOrEqualTo(previous);
        withinMeanGap += next - previous < meanGapMillis ? 1 : 0;
        previous = next;
        arrivals.advance();
      }
      double seconds = (previous - 1_000_000) / 1000.0;
      assertThat(count / seconds).as("rate %s", rate).isCloseTo(rate, within(rate * 0.03));
      if (meanGapMillis >= 100) { // millisecond rounding hides the shape of tiny gaps
        assertThat(withinMeanGap / (double) count).isCloseTo(1 - Math.exp(-1), within(0.02));
      }
    }
  }

  @Test
  void theRateMustBePositive() {
    assertThatThrownBy(() -> new PoissonArrivals(0, 0, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
