package dev.lakehouse.streams.typing;

/** A number text that its target type cannot hold. The message says why, never quoting the text. */
public final class InvalidNumberException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidNumberException(String message) {
    super(message, null, false, false);
  }
}
