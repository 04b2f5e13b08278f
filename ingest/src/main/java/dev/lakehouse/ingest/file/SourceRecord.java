package dev.lakehouse.ingest.file;

import java.util.HexFormat;

/**
 * One record read from a source file: publishable, or a bad record with the reason and its original
 * bytes.
 */
public sealed interface SourceRecord {
  /** The 1-based line where the record starts. */
  long line();

  /** A valid record: its natural key and its value as JSON with the source's names and values. */
  record Good(long line, byte[] key, byte[] value) implements SourceRecord {}

  /**
   * A record that cannot be published. {@code reason} is a short stable code (see {@link
   * DeadLetterReason}), {@code detail} says where and why but never quotes the record. {@code
   * original} is the record's bytes (only its first bytes when it was too large to hold), {@code
   * originalLength} its full length, {@code sha256} the hash of all of it, and {@code offset} the
   * position of its first byte in the (decompressed) file.
   */
  record Bad(
      long line,
      long offset,
      String reason,
      String detail,
      byte[] original,
      long originalLength,
      byte[] sha256)
      implements SourceRecord {
    /** A bad record whose bytes were read whole. */
    static Bad of(long line, long offset, String reason, String detail, byte[] whole) {
      return new Bad(
          line, offset, reason, detail, whole, whole.length, ByteLineReader.sha256().digest(whole));
    }

    /** A bad line, whole or (when too large) its first bytes. */
    static Bad of(ByteLineReader.Line line, String reason, String detail) {
      return line.tooLarge()
          ? new Bad(
              line.number(),
              line.offset(),
              reason,
              detail,
              line.bytes(),
              line.length(),
              line.sha256())
          : of(line.number(), line.offset(), reason, detail, line.bytes());
    }

    String sha256Hex() {
      return HexFormat.of().formatHex(sha256);
    }
  }
}
