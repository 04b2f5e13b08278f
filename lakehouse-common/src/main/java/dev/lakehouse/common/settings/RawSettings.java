package dev.lakehouse.common.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Flat key/value settings with their origin, and environment overrides: the key {@code
 * s3.access-key-id} is overridden by the variable {@code LAKEHOUSE_S3_ACCESS_KEY_ID}.
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
                    "setting '"
                        + key
                        + "' is missing in "
                        + origin
                        + " (or set "
                        + environmentName(key)
                        + ")"));
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

  java.time.Duration duration(String key, java.time.Duration fallback) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return fallback;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)")
            .matcher(value.get().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(key, value.get(), "a duration such as 500ms, 5s, 2m, 1h or 45d");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> java.time.Duration.ofMillis(amount);
      case "s" -> java.time.Duration.ofSeconds(amount);
      case "m" -> java.time.Duration.ofMinutes(amount);
      case "h" -> java.time.Duration.ofHours(amount);
      default -> java.time.Duration.ofDays(amount);
    };
  }

  long bytes(String key, long fallback) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return fallback;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)\\s*(b|kb|mb|gb)?")
            .matcher(value.get().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(key, value.get(), "a size such as 512KB, 128MB or 1GB");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return switch (unit) {
      case "kb" -> amount * 1024;
      case "mb" -> amount * 1024 * 1024;
      case "gb" -> amount * 1024 * 1024 * 1024;
      default -> amount;
    };
  }

  int integer(String key, int fallback) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw invalid(key, value.get(), "an integer");
    }
  }

  SettingsException invalid(String key, String value, String expected) {
    return new SettingsException(
        "setting '" + key + "' in " + origin + " must be " + expected + ", was '" + value + "'");
  }

  String origin() {
    return origin;
  }
}
