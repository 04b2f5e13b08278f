package dev.lakehouse.ingest.file;

/**
 * How large a source record may be. A line longer than {@code maxRecordBytes} is never buffered
 * whole: it is read to its end in bounded memory and becomes a {@code record-too-large} dead letter
 * holding its first {@code deadLetterPrefixBytes} bytes, its length and its SHA-256.
 *
 * @param maxRecordBytes the largest record published (a CSV record: its lines joined, and its JSON
 *     form); below Kafka's default message limit of 1 MiB, which must also hold the key and the
 *     headers
 * @param deadLetterPrefixBytes how much of a too-large record its dead letter keeps
 * @param maxKeyBytes the longest natural key, in UTF-8 bytes
 * @param maxCsvLines the most physical lines one CSV record may span (a quoted cell holding
 *     newlines)
 * @param maxJsonDepth the deepest nesting of objects and arrays in a JSON line
 */
public record RecordLimits(
    int maxRecordBytes,
    int deadLetterPrefixBytes,
    int maxKeyBytes,
    int maxCsvLines,
    int maxJsonDepth) {
  /**
   * Kafka's default {@code message.max.bytes}, about 1 MiB; a record and its headers must fit in
   * it.
   */
  static final int KAFKA_DEFAULT_MESSAGE_BYTES = 1_048_588;

  /** What a record must leave under Kafka's limit for its key, headers and batch overhead. */
  static final int HEADROOM_BYTES = 64 * 1024;

  public static final RecordLimits DEFAULTS = new RecordLimits(768 * 1024, 64 * 1024, 1024, 16, 64);

  public RecordLimits {
    if (maxRecordBytes < 1024 || maxRecordBytes > KAFKA_DEFAULT_MESSAGE_BYTES - HEADROOM_BYTES) {
      throw new IllegalArgumentException(
          "--max-record-bytes must be between 1024 and "
              + (KAFKA_DEFAULT_MESSAGE_BYTES - HEADROOM_BYTES)
              + " (Kafka's default message limit less 64 KiB for the key and headers), was "
              + maxRecordBytes);
    }
    if (deadLetterPrefixBytes < 0 || deadLetterPrefixBytes > maxRecordBytes) {
      throw new IllegalArgumentException(
          "--dead-letter-prefix-bytes must be between 0 and --max-record-bytes ("
              + maxRecordBytes
              + "), was "
              + deadLetterPrefixBytes);
    }
    if (maxKeyBytes < 1 || maxKeyBytes > HEADROOM_BYTES / 2) {
      throw new IllegalArgumentException(
          "--max-key-bytes must be between 1 and " + HEADROOM_BYTES / 2 + ", was " + maxKeyBytes);
    }
    if (maxCsvLines < 1 || maxCsvLines > 10_000) {
      throw new IllegalArgumentException(
          "--max-csv-lines must be between 1 and 10000, was " + maxCsvLines);
    }
    if (maxJsonDepth < 1 || maxJsonDepth > 1000) {
      throw new IllegalArgumentException(
          "the JSON nesting limit must be between 1 and 1000, was " + maxJsonDepth);
    }
  }
}
