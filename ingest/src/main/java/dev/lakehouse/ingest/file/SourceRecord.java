package dev.lakehouse.ingest.file;

/** One record read from a source file: publishable, or a bad line with the reason and its original bytes. */
public sealed interface SourceRecord {
  /** The 1-based line where the record starts. */
  long line();

  /** A valid record: its natural key and its value as JSON with the source's names and values. */
  record Good(long line, byte[] key, byte[] value) implements SourceRecord {}

  /** A line that cannot be published; {@code reason} is a short stable code, {@code detail} says more. */
  record Bad(long line, String reason, String detail, byte[] original) implements SourceRecord {}
}
