package dev.lakehouse.common.contract;

/**
 * Kafka headers that more than one stage reads: the ingestors write them, the Streams app carries them
 * into the raw tables and the dead letters.
 */
public final class PipelineHeaders {
  /** The source file of a record (s3:// or file: URI). */
  public static final String SOURCE_URI = "lakehouse.source.uri";
  /** The 1-based line of the record in its source file. */
  public static final String SOURCE_LINE = "lakehouse.source.line";
  /** The dataset a dead letter was meant for. */
  public static final String DATASET = "lakehouse.dataset";
  /** Why a record is a dead letter: a short, stable, machine-readable reason. */
  public static final String DLQ_REASON = "lakehouse.dlq.reason";
  /** Human-readable detail of the reason (never the record's content). */
  public static final String DLQ_DETAIL = "lakehouse.dlq.detail";
  /** The length in bytes of a dead letter's record when its value holds only the first part of it. */
  public static final String DLQ_ORIGINAL_LENGTH = "lakehouse.dlq.original-length";
  /** The byte offset of a dead letter's record in its (decompressed) source file. */
  public static final String DLQ_ORIGINAL_OFFSET = "lakehouse.dlq.original-offset";
  /** The SHA-256 (lowercase hex) of all of a dead letter's record, also when its value holds only a prefix. */
  public static final String DLQ_ORIGINAL_SHA256 = "lakehouse.dlq.original-sha256";

  private PipelineHeaders() {}
}
