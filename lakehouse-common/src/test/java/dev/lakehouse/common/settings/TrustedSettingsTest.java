package dev.lakehouse.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TrustedSettingsTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef-secret";

  @Test
  void aMissingKeyIsAStartUpErrorNamingTheKeyAndItsVariable() {
    assertThatThrownBy(() -> TrustedSettings.fromProperties(new Properties(), Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("trusted.pseudonym-key")
        .hasMessageContaining("LAKEHOUSE_TRUSTED_PSEUDONYM_KEY");
  }

  @Test
  void theRawStageAloneNeedsNoKey() {
    Properties properties = new Properties();
    properties.setProperty("trusted.enabled", "false");
    TrustedSettings settings = TrustedSettings.fromProperties(properties, Map.of());
    assertThat(settings.enabled()).isFalse();
    assertThat(
            TrustedSettings.fromProperties(
                    new Properties(), Map.of("LAKEHOUSE_TRUSTED_PSEUDONYM_KEY", KEY))
                .enabled())
        .isTrue();
  }

  @Test
  void aShortKeyIsRefusedWithoutShowingIt() {
    Properties properties = new Properties();
    properties.setProperty("trusted.pseudonym-key", "too-short-secret");
    assertThatThrownBy(() -> TrustedSettings.fromProperties(properties, Map.of()))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("at least 32 bytes")
        .hasMessageNotContaining("too-short-secret");
  }

  @Test
  void theEnvironmentOverridesTheFileAndTheKeyNeverAppearsInToString() {
    Properties properties = new Properties();
    properties.setProperty("trusted.pseudonym-key", "file-key-file-key-file-key-file-key-0");
    TrustedSettings settings =
        TrustedSettings.fromProperties(properties, Map.of("LAKEHOUSE_TRUSTED_PSEUDONYM_KEY", KEY));
    assertThat(settings.pseudonymKey()).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(settings.toString()).doesNotContain(KEY).contains("hidden");
  }

  @Test
  void theStateRetentionIsInDaysByDefaultAndZeroKeepsEverything() {
    Map<String, String> env = Map.of("LAKEHOUSE_TRUSTED_PSEUDONYM_KEY", KEY);
    assertThat(TrustedSettings.fromProperties(new Properties(), env).stateRetention())
        .isEqualTo(java.time.Duration.ofDays(45));
    Properties properties = new Properties();
    properties.setProperty("trusted.state-retention", "90d");
    assertThat(TrustedSettings.fromProperties(properties, env).stateRetention())
        .isEqualTo(java.time.Duration.ofDays(90));
    properties.setProperty("trusted.state-retention", "0d");
    assertThat(TrustedSettings.fromProperties(properties, env).stateRetention()).isZero();
    properties.setProperty("trusted.state-retention", "10m");
    assertThatThrownBy(() -> TrustedSettings.fromProperties(properties, env))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("trusted.state-retention")
        .hasMessageContaining("at least 1h");
    properties.setProperty("trusted.state-retention", "forever");
    assertThatThrownBy(() -> TrustedSettings.fromProperties(properties, env))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("trusted.state-retention")
        .hasMessageContaining("45d");
  }

  @Test
  void theFanOutBoundHasADefaultAndRefusesLessThanOne() {
    Map<String, String> env = Map.of("LAKEHOUSE_TRUSTED_PSEUDONYM_KEY", KEY);
    assertThat(TrustedSettings.fromProperties(new Properties(), env).fanOutPerEmission())
        .isEqualTo(TrustedSettings.DEFAULT_FAN_OUT_PER_EMISSION);
    Properties properties = new Properties();
    properties.setProperty("trusted.fan-out-per-emission", "250");
    assertThat(TrustedSettings.fromProperties(properties, env).fanOutPerEmission()).isEqualTo(250);
    properties.setProperty("trusted.fan-out-per-emission", "0");
    assertThatThrownBy(() -> TrustedSettings.fromProperties(properties, env))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("trusted.fan-out-per-emission");
    properties.setProperty("trusted.fan-out-per-emission", "many");
    assertThatThrownBy(() -> TrustedSettings.fromProperties(properties, env))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("trusted.fan-out-per-emission")
        .hasMessageContaining("an integer");
  }
}
