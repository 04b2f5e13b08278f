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
 */
public record IngestOptions(
    String location, String ingestorId, boolean watch, Duration pollInterval, int partitions, int batchRecords, long batchMillis,
    RecordLimits limits) {
  /** With the default record limits. */
  public IngestOptions(
      String location, String ingestorId, boolean watch, Duration pollInterval, int partitions, int batchRecords, long batchMillis) {
    this(location, ingestorId, watch, pollInterval, partitions, batchRecords, batchMillis, RecordLimits.DEFAULTS);
  }

  public IngestOptions {
    if (limits == null) {
      throw new IllegalArgumentException("record limits are required");
    }
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("a source location (directory or s3://bucket/prefix) is required");
    }
    if (!ingestorId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("--ingestor-id may hold letters, digits, '.', '_' and '-' only, was '" + ingestorId + "'");
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

  public String transactionalId() {
    return "lakehouse-ingest-" + ingestorId;
  }
}
