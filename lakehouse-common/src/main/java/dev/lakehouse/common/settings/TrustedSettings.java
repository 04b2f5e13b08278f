package dev.lakehouse.common.settings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the trusted stage, from the {@code trusted.*} keys of the settings file (each
 * overridable by its {@code LAKEHOUSE_TRUSTED_*} variable).
 *
 * <p>{@code trusted.pseudonym-key} is the secret of the keyed pseudonyms (HMAC-SHA256) that replace
 * personal data in the trusted tables. It has no default: when the trusted stage is enabled (it is
 * by default; {@code trusted.enabled=false} runs the raw stage alone), a missing or short key stops
 * the app at start-up. Keep it in a secret store and pass it through the environment ({@code
 * LAKEHOUSE_TRUSTED_PSEUDONYM_KEY}); changing it changes every pseudonym.
 *
 * <p>{@code trusted.fan-out-per-emission} bounds the work a changed consumer or restaurant causes:
 * each task rebuilds at most that many of its orders per emission (once a second), so the change of
 * a merchant with many orders spreads over several emissions and transactions. It bounds the orders
 * dropped per emission by {@code trusted.state-retention} too.
 *
 * <p>{@code trusted.state-retention} (default 45 days; {@code 0d} keeps every order forever) is how
 * long a task keeps an order's state after the order last changed. A later event for a dropped
 * order finds the order again in the lake (docs/trusted-tables.md, "State retention").
 */
public final class TrustedSettings {
  public static final String ENABLED = "trusted.enabled";
  public static final String PSEUDONYM_KEY = "trusted.pseudonym-key";
  public static final String FAN_OUT_PER_EMISSION = "trusted.fan-out-per-emission";
  public static final String STATE_RETENTION = "trusted.state-retention";

  /** Long after an order's last status, as the design's analysts still see it changing. */
  public static final Duration DEFAULT_STATE_RETENTION = Duration.ofDays(45);

  /**
   * A rebuild takes tens of microseconds: 5,000 keep an emission well inside a second and the
   * transaction timeout.
   */
  public static final int DEFAULT_FAN_OUT_PER_EMISSION = 5_000;

  /** 32 bytes: the HMAC-SHA256 block's security level. */
  public static final int MIN_KEY_BYTES = 32;

  private final boolean enabled;
  private final byte[] pseudonymKey;
  private final int fanOutPerEmission;
  private final Duration stateRetention;

  /** The trusted stage, enabled, with its key and the default bounds. */
  public TrustedSettings(byte[] pseudonymKey) {
    this(true, pseudonymKey, DEFAULT_FAN_OUT_PER_EMISSION, DEFAULT_STATE_RETENTION);
  }

  /** The raw stage alone: no trusted tables, no key needed. */
  public static TrustedSettings disabled() {
    return new TrustedSettings(false, null, DEFAULT_FAN_OUT_PER_EMISSION, DEFAULT_STATE_RETENTION);
  }

  private TrustedSettings(
      boolean enabled, byte[] pseudonymKey, int fanOutPerEmission, Duration stateRetention) {
    this.enabled = enabled;
    if (fanOutPerEmission < 1) {
      throw new SettingsException(
          FAN_OUT_PER_EMISSION + " must be at least 1, was " + fanOutPerEmission);
    }
    this.fanOutPerEmission = fanOutPerEmission;
    if (stateRetention.isNegative()
        || (!stateRetention.isZero() && stateRetention.compareTo(Duration.ofHours(1)) < 0)) {
      throw new SettingsException(
          STATE_RETENTION + " must be 0d (keep every order) or at least 1h, was " + stateRetention);
    }
    this.stateRetention = stateRetention;
    if (!enabled && pseudonymKey == null) {
      this.pseudonymKey = new byte[0];
      return;
    }
    if (pseudonymKey == null || pseudonymKey.length < MIN_KEY_BYTES) {
      throw new SettingsException(
          PSEUDONYM_KEY
              + " must be at least "
              + MIN_KEY_BYTES
              + " bytes (e.g. `openssl rand -hex 32`), was "
              + (pseudonymKey == null ? "missing" : pseudonymKey.length + " bytes"));
    }
    this.pseudonymKey = pseudonymKey.clone();
  }

  public static TrustedSettings load(Path file, Map<String, String> environment) {
    return from(new RawSettings(LakehouseSettings.readFile(file), environment, file.toString()));
  }

  public static TrustedSettings fromProperties(
      Properties properties, Map<String, String> environment) {
    return from(new RawSettings(properties, environment, "properties"));
  }

  static TrustedSettings from(RawSettings raw) {
    if (!raw.bool(ENABLED, true)) {
      return disabled();
    }
    return new TrustedSettings(
        true,
        raw.required(PSEUDONYM_KEY).getBytes(StandardCharsets.UTF_8),
        raw.integer(FAN_OUT_PER_EMISSION, DEFAULT_FAN_OUT_PER_EMISSION),
        raw.duration(STATE_RETENTION, DEFAULT_STATE_RETENTION));
  }

  /** The same settings with another bound on the orders rebuilt per emission for a dimension. */
  public TrustedSettings withFanOutPerEmission(int orders) {
    return new TrustedSettings(enabled, enabled ? pseudonymKey : null, orders, stateRetention);
  }

  /** The same settings with another state retention ({@link Duration#ZERO}: keep every order). */
  public TrustedSettings withStateRetention(Duration retention) {
    return new TrustedSettings(
        enabled, enabled ? pseudonymKey : null, fanOutPerEmission, retention);
  }

  /**
   * How long a task keeps an order's state after it last changed; zero keeps every order forever.
   */
  public Duration stateRetention() {
    return stateRetention;
  }

  /** How many orders of changed consumers and restaurants a task rebuilds per emission at most. */
  public int fanOutPerEmission() {
    return fanOutPerEmission;
  }

  /** Whether the app runs the trusted stage. */
  public boolean enabled() {
    return enabled;
  }

  /** A copy of the key, for the pseudonymizer only; empty when the stage is disabled. */
  public byte[] pseudonymKey() {
    return pseudonymKey.clone();
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "TrustedSettings[enabled="
        + enabled
        + ", pseudonymKey=<"
        + pseudonymKey.length
        + " bytes, hidden>, fanOutPerEmission="
        + fanOutPerEmission
        + ", stateRetention="
        + stateRetention
        + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrustedSettings settings
        && enabled == settings.enabled
        && fanOutPerEmission == settings.fanOutPerEmission
        && stateRetention.equals(settings.stateRetention)
        && Arrays.equals(pseudonymKey, settings.pseudonymKey);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        enabled, Arrays.hashCode(pseudonymKey), fanOutPerEmission, stateRetention);
  }
}
