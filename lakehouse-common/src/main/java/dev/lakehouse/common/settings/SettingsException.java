package dev.lakehouse.common.settings;

/** A setting is missing or invalid; the message names the setting and where it came from. */
public final class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SettingsException(String message) {
    super(message);
  }

  public SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
