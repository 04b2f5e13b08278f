package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveOptionsTest {
  @Test
  void rejectsWhatCannotRun() {
    Duration scale = LiveOptions.DEFAULT_STATUS_DELAY_SCALE;
    for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 100_001}) {
      assertThatThrownBy(() -> new LiveOptions(1, rate, 0, scale))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ordersPerSecond");
    }
    assertThatThrownBy(() -> new LiveOptions(1, 10, -1, scale)).hasMessageContaining("maxOrders");
    assertThatThrownBy(() -> new LiveOptions(1, 10, 0, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new LiveOptions(1, 10, 0, Duration.ofSeconds(-1)))
        .hasMessageContaining("statusDelayScale");
    assertThatThrownBy(() -> new LiveOptions(1, 10, 0, Duration.ofDays(2)))
        .hasMessageContaining("statusDelayScale");
    assertThat(new LiveOptions(1, 0.01, 5, Duration.ZERO).bounded()).isTrue();
  }

  @Test
  void sizesTheDimensionsForTheRate() {
    assertThat(LiveOptions.unbounded(1, 10).restaurants()).isEqualTo(200);
    assertThat(LiveOptions.unbounded(1, 10).initialConsumers()).isEqualTo(2_000);
    assertThat(LiveOptions.unbounded(1, 0.1).restaurants()).isEqualTo(50);
    assertThat(LiveOptions.unbounded(1, 1_000).restaurants()).isEqualTo(2_000);
    assertThat(LiveOptions.unbounded(1, 1_000).bounded()).isFalse();
  }
}
