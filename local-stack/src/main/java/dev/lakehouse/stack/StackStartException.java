package dev.lakehouse.stack;

/** The local stack cannot start; the message says why and what to do. */
public final class StackStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackStartException(String message) {
    super(message);
  }

  public StackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
