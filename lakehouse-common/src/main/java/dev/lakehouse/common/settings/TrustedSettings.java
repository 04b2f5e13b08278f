package dev.lakehouse.common.settings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 */
public final class TrustedSettings {
  public static final String ENABLED = "trusted.enabled";
  public static final String PSEUDONYM_KEY = "trusted.pseudonym-key";

  /** 32 bytes: the HMAC-SHA256 block's security level. */
  public static final int MIN_KEY_BYTES = 32;

  private final boolean enabled;
  private final byte[] pseudonymKey;

  /** The trusted stage, enabled, with its key. */
  public TrustedSettings(byte[] pseudonymKey) {
    this(true, pseudonymKey);
  }

  /** The raw stage alone: no trusted tables, no key needed. */
  public static TrustedSettings disabled() {
    return new TrustedSettings(false, null);
  }

  private TrustedSettings(boolean enabled, byte[] pseudonymKey) {
    this.enabled = enabled;
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
    return new TrustedSettings(raw.required(PSEUDONYM_KEY).getBytes(StandardCharsets.UTF_8));
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
        + " bytes, hidden>]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrustedSettings settings
        && enabled == settings.enabled
        && Arrays.equals(pseudonymKey, settings.pseudonymKey);
  }

  @Override
  public int hashCode() {
    return 31 * Boolean.hashCode(enabled) + Arrays.hashCode(pseudonymKey);
  }
}
