package dev.lakehouse.streams.iceberg;

/**
 * The writer cannot resume a partition without losing or doubling records; the message says why and
 * what to do.
 */
public final class ResumeRefusedException extends IllegalStateException {
  public ResumeRefusedException(String message) {
    super(message);
  }
}
