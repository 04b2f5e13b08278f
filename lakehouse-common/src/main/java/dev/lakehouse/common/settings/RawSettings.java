package dev.lakehouse.common.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Flat key/value settings with their origin, and environment overrides: the key {@code s3.access-key-id}
 * is overridden by the variable {@code LAKEHOUSE_S3_ACCESS_KEY_ID}.
 */
final class RawSettings {
  private final Properties values;
  private final Map<String, String> environment;
  private final String origin;

  RawSettings(Properties values, Map<String, String> environment, String origin) {
    this.values = values;
    this.environment = environment;
    this.origin = origin;
  }

  static String environmentName(String key) {
    return "LAKEHOUSE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  Optional<String> optional(String key) {
    String fromEnv = environment.get(environmentName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.trim());
    }
    String fromFile = values.getProperty(key);
    return fromFile == null || fromFile.isBlank() ? Optional.empty() : Optional.of(fromFile.trim());
  }

  String required(String key) {
    return optional(key)
        .orElseThrow(
            () ->
                new SettingsException(
                    "setting '" + key + "' is missing in " + origin + " (or set " + environmentName(key) + ")"));
  }

  String orDefault(String key, String fallback) {
    return optional(key).orElse(fallback);
  }

  boolean bool(String key, boolean fallback) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, value.get(), "true or false");
    };
  }

  SettingsException invalid(String key, String value, String expected) {
    return new SettingsException(
        "setting '" + key + "' in " + origin + " must be " + expected + ", was '" + value + "'");
  }

  String origin() {
    return origin;
  }
}
