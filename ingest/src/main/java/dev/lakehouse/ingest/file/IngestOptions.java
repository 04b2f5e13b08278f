package dev.lakehouse.ingest.file;

import java.time.Duration;

/**
 * How an ingestor runs.
 *
 * @param location a directory or {@code s3://bucket/prefix}
 * @param ingestorId names the ingestor: its transactional id is {@code lakehouse-ingest-<id>}; two
 *     ingestors with one id fence each other, so run one per id
 * @param watch keep polling the location for new files
 * @param pollInterval time between two listings in watch mode
 * @param partitions partitions of topics the ingestor creates
 * @param batchRecords records per Kafka transaction at most
 * @param batchMillis milliseconds per Kafka transaction at most
 * @param limits how large a record and its key may be
 * @param settle how long a local file's size and modification time must stay unchanged before it is
 *     read: a file still being copied in is left for a later listing (zero reads every file at
 *     once)
 */
public record IngestOptions(
    String location,
    String ingestorId,
    boolean watch,
    Duration pollInterval,
    int partitions,
    int batchRecords,
    long batchMillis,
    RecordLimits limits,
    Duration settle) {
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
  public static final long MAX_SETTLE_SECONDS = 3600;
  static final Duration MAX_SETTLE = Duration.ofSeconds(MAX_SETTLE_SECONDS);

  /** With the default record limits and settle window. */
  public IngestOptions(
      String location,
      String ingestorId,
      boolean watch,
      Duration pollInterval,
      int partitions,
      int batchRecords,
      long batchMillis) {
    this(
        location,
        ingestorId,
        watch,
        pollInterval,
        partitions,
        batchRecords,
        batchMillis,
        RecordLimits.DEFAULTS,
        DEFAULT_SETTLE);
  }

  public IngestOptions {
    if (limits == null) {
      throw new IllegalArgumentException("record limits are required");
    }
    if (settle == null || settle.isNegative() || settle.compareTo(MAX_SETTLE) > 0) {
      throw settleOutOfRange(settle == null ? "missing" : settle.toMillis() / 1000.0);
    }
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(
          "a source location (directory or s3://bucket/prefix) is required");
    }
    if (!ingestorId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "--ingestor-id may hold letters, digits, '.', '_' and '-' only, was '"
              + ingestorId
              + "'");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
    }
    if (batchRecords < 1 || batchMillis < 1) {
      throw new IllegalArgumentException("batch limits must be positive");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("--poll-interval must be positive");
    }
  }

  /**
   * The settle window of {@code --settle SECONDS}, to the millisecond; throws {@link
   * IllegalArgumentException} unless it is between 0 and {@value #MAX_SETTLE_SECONDS} seconds.
   */
  public static Duration settleOfSeconds(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0 || seconds > MAX_SETTLE_SECONDS) {
      throw settleOutOfRange(seconds);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static IllegalArgumentException settleOutOfRange(Object was) {
    return new IllegalArgumentException(
        "--settle must be between 0 and " + MAX_SETTLE_SECONDS + " seconds, was " + was);
  }

  /**
   * The same options with another settle window (zero when the caller knows every file is
   * complete).
   */
  public IngestOptions withSettle(Duration window) {
    return new IngestOptions(
        location,
        ingestorId,
        watch,
        pollInterval,
        partitions,
        batchRecords,
        batchMillis,
        limits,
        window);
  }

  public String transactionalId() {
    return "lakehouse-ingest-" + ingestorId;
  }
}
