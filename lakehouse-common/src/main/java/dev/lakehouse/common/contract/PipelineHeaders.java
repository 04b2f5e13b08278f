package dev.lakehouse.common.contract;

/**
 * The names of every Kafka header the pipeline writes: the ingestors' (source file, line, run), the
 * raw stage's (the source record's coordinates, which it carries to the dead letters) and the dead
 * letters' own.
 */
public final class PipelineHeaders {
  /** The source file of a record (s3:// or file: URI). */
  public static final String SOURCE_URI = "lakehouse.source.uri";

  /** The 1-based line of the record in its source file. */
  public static final String SOURCE_LINE = "lakehouse.source.line";

  /** What the ingestor knew the source file by: its size and modification time, or its ETag. */
  public static final String SOURCE_FINGERPRINT = "lakehouse.source.fingerprint";

  /** The ingest run that published the record. */
  public static final String INGEST_RUN = "lakehouse.ingest.run";

  /** The topic of the source record a dead letter was made from. */
  public static final String SOURCE_TOPIC = "lakehouse.raw.source.topic";

  /** Its partition. */
  public static final String SOURCE_PARTITION = "lakehouse.raw.source.partition";

  /** Its offset. */
  public static final String SOURCE_OFFSET = "lakehouse.raw.source.offset";

  /** Its Kafka timestamp, in epoch milliseconds. */
  public static final String SOURCE_TIMESTAMP = "lakehouse.raw.source.timestamp";

  /** The dataset a dead letter was meant for. */
  public static final String DATASET = "lakehouse.dataset";

  /** Why a record is a dead letter: a short, stable, machine-readable reason. */
  public static final String DLQ_REASON = "lakehouse.dlq.reason";

  /** Human-readable detail of the reason (never the record's content). */
  public static final String DLQ_DETAIL = "lakehouse.dlq.detail";

  /**
   * The length in bytes of a dead letter's record when its value holds only the first part of it.
   */
  public static final String DLQ_ORIGINAL_LENGTH = "lakehouse.dlq.original-length";

  /** The byte offset of a dead letter's record in its (decompressed) source file. */
  public static final String DLQ_ORIGINAL_OFFSET = "lakehouse.dlq.original-offset";

  /**
   * The SHA-256 (lowercase hex) of all of a dead letter's record, also when its value holds only a
   * prefix.
   */
  public static final String DLQ_ORIGINAL_SHA256 = "lakehouse.dlq.original-sha256";

  private PipelineHeaders() {}
}
