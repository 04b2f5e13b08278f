package dev.lakehouse.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NightlySettingsTest {

  @Test
  void anEmptyFileGivesTheDefaults() {
    NightlySettings settings = NightlySettings.fromProperties(new Properties(), Map.of());
    assertThat(settings).isEqualTo(NightlySettings.DEFAULTS);
    assertThat(settings.snapshotMaxAge()).isEqualTo(Duration.ofDays(5));
    assertThat(settings.snapshotRetainLast()).isEqualTo(1);
    assertThat(settings.orphanMinAge()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void keysAndTheirVariablesOverrideTheDefaults() {
    Properties properties = new Properties();
    properties.setProperty("nightly.snapshot-max-age", "2d");
    properties.setProperty("nightly.manifest-threshold", "8");
    NightlySettings settings =
        NightlySettings.fromProperties(
            properties,
            Map.of(
                "LAKEHOUSE_NIGHTLY_SNAPSHOT_RETAIN_LAST",
                "3",
                "LAKEHOUSE_NIGHTLY_ORPHAN_MIN_AGE",
                "6h"));
    assertThat(settings.snapshotMaxAge()).isEqualTo(Duration.ofDays(2));
    assertThat(settings.manifestThreshold()).isEqualTo(8);
    assertThat(settings.snapshotRetainLast()).isEqualTo(3);
    assertThat(settings.orphanMinAge()).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void anOrphanMarginUnderAnHourIsRefused() {
    Properties properties = new Properties();
    properties.setProperty("nightly.orphan-min-age", "10m");
    assertThatThrownBy(() -> NightlySettings.fromProperties(properties, Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("nightly.orphan-min-age")
        .hasMessageContaining("at least 1h");
  }

  @Test
  void retainingNoSnapshotIsRefused() {
    Properties properties = new Properties();
    properties.setProperty("nightly.snapshot-retain-last", "0");
    assertThatThrownBy(() -> NightlySettings.fromProperties(properties, Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("nightly.snapshot-retain-last");
  }
}
