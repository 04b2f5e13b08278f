package dev.lakehouse.common.settings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of the trusted stage, from the {@code trusted.*} keys of the settings file (each overridable by
 * its {@code LAKEHOUSE_TRUSTED_*} variable).
 *
 * <p>{@code trusted.pseudonym-key} is the secret of the keyed pseudonyms (HMAC-SHA256) that replace
 * personal data in the trusted tables. It has no default: a missing or short key stops the app at
 * start-up. Keep it in a secret store and pass it through the environment
 * ({@code LAKEHOUSE_TRUSTED_PSEUDONYM_KEY}); changing it changes every pseudonym.
 */
public final class TrustedSettings {
  public static final String PSEUDONYM_KEY = "trusted.pseudonym-key";
  /** 32 bytes: the HMAC-SHA256 block's security level. */
  public static final int MIN_KEY_BYTES = 32;

  private final byte[] pseudonymKey;

  public TrustedSettings(byte[] pseudonymKey) {
    if (pseudonymKey == null || pseudonymKey.length < MIN_KEY_BYTES) {
      throw new SettingsException(PSEUDONYM_KEY + " must be at least " + MIN_KEY_BYTES + " bytes (e.g. `openssl rand -hex 32`), was "
          + (pseudonymKey == null ? "missing" : pseudonymKey.length + " bytes"));
    }
    this.pseudonymKey = pseudonymKey.clone();
  }

  public static TrustedSettings load(Path file, Map<String, String> environment) {
    return from(new RawSettings(LakehouseSettings.readFile(file), environment, file.toString()));
  }

  public static TrustedSettings fromProperties(Properties properties, Map<String, String> environment) {
    return from(new RawSettings(properties, environment, "properties"));
  }

  static TrustedSettings from(RawSettings raw) {
    return new TrustedSettings(raw.required(PSEUDONYM_KEY).getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the key, for the pseudonymizer only. */
  public byte[] pseudonymKey() {
    return pseudonymKey.clone();
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "TrustedSettings[pseudonymKey=<" + pseudonymKey.length + " bytes, hidden>]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrustedSettings settings && Arrays.equals(pseudonymKey, settings.pseudonymKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pseudonymKey);
  }
}
