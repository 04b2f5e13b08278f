package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoordinatesTest {

  @Test
  void theSwappedSourcePairIsPutBackAndCoarsenedToHundredths() {
    // Franca, SP: the source says latitude -47.3906, longitude -20.5386
    assertThat(Coordinates.latitude(-47.3906, -20.5386)).isEqualTo(-20.54);
    assertThat(Coordinates.longitude(-47.3906, -20.5386)).isEqualTo(-47.39);
  }

  @Test
  void missingOrNonFiniteDegreesBecomeNull() {
    assertThat(Coordinates.latitude(-47.39, null)).isNull();
    assertThat(Coordinates.longitude(Double.NaN, -20.5)).isNull();
    assertThat(Coordinates.coarse(Double.POSITIVE_INFINITY)).isNull();
    assertThat(Coordinates.coarse(0.004)).isEqualTo(0.0);
    assertThat(Coordinates.coarse(-0.005)).isEqualTo(-0.0);
  }
}
