package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {
  @Test
  void validates() {
    assertThatThrownBy(() -> new GeneratorOptions(1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeneratorOptions(1, 10, -0.01))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeneratorOptions(1, 10, 0.51))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeneratorOptions(1, 10, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    new GeneratorOptions(1, 1, 0.5);
  }

  @Test
  void derivesCounts() {
    GeneratorOptions options = new GeneratorOptions(1, 1_000_000, 0.01);
    assertThat(options.consumers()).isEqualTo(250_000);
    assertThat(options.restaurants()).isEqualTo(25_000);
    assertThat(options.truncatedFileOrders()).isEqualTo(10_000);
    GeneratorOptions tiny = new GeneratorOptions(1, 3, 0);
    assertThat(tiny.consumers()).isEqualTo(10);
    assertThat(tiny.restaurants()).isEqualTo(5);
    assertThat(tiny.truncatedFileOrders()).isEqualTo(20);
    assertThat(tiny.withBadData()).isFalse();
  }
}
