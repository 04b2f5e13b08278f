package dev.lakehouse.common.contract;

import java.util.List;

/**
 * Every Kafka topic of the pipeline, by the stage that writes it. A dataset's source topic is
 * {@link DatasetContract#topic()} ({@code src.<domain>.<name>}); the rest are here.
 */
public final class Topics {
  /** Lines the ingestors could not read as a record. */
  public static final String DLQ_INGEST = "dlq.ingest";

  /** Records that failed parsing or validation against their contract in the raw stage. */
  public static final String DLQ_RAW = "dlq.raw";

  /** Orders whose items the trusted stage could not read (the order itself is in trusted). */
  public static final String DLQ_TRUSTED = "dlq.trusted";

  /**
   * The file ingestor's progress per file, compacted, written in the same transactions as the
   * records.
   */
  public static final String INGEST_PROGRESS = "_lakehouse.ingest.progress";

  /**
   * Consumers and restaurants, each copied to every partition so every order task holds them all.
   */
  public static final String TRUSTED_DIMENSIONS = "trusted.dimensions";

  public static final String TRUSTED_ORDER_ROWS = "trusted.rows.order";
  public static final String TRUSTED_ITEM_ROWS = "trusted.rows.order_item";
  public static final String TRUSTED_GARNISH_ROWS = "trusted.rows.order_item_garnish";
  public static final String TRUSTED_STATUS_ROWS = "trusted.rows.order_status";

  /** Each trusted task's data-quality counters, every few seconds when they changed. */
  public static final String TRUSTED_QUALITY = "trusted.quality";

  /**
   * The runs of every process of the pipeline (ingest runs and their files, and more to come), as
   * {@code ProcessEvent} JSON keyed by run id, each sent in the transaction of the work it reports
   * where the process has one. The Streams writer lands it in {@code ops.process_log}.
   */
  public static final String PROCESS_EVENTS = "ops.process_events";

  private static final String DLQ_PREFIX = "dlq.";

  private Topics() {}

  /**
   * Validated source records of a dataset, bound for its raw table, e.g. {@code raw.rows.order}.
   */
  public static String rawRows(DatasetContract dataset) {
    return "raw.rows." + dataset.name();
  }

  /** The dead-letter topics, one per stage; the Streams app lands all of them in one table. */
  public static List<String> deadLetters() {
    return List.of(DLQ_INGEST, DLQ_RAW, DLQ_TRUSTED);
  }

  /** The stage name of a dead-letter topic, e.g. {@code ingest} for {@code dlq.ingest}. */
  public static String deadLetterStage(String topic) {
    return topic.startsWith(DLQ_PREFIX) ? topic.substring(DLQ_PREFIX.length()) : topic;
  }

  /**
   * The trusted rows topics, each feeding one trusted table (the last feeds trusted.data_quality).
   */
  public static List<String> trustedRows() {
    return List.of(
        TRUSTED_ORDER_ROWS,
        TRUSTED_ITEM_ROWS,
        TRUSTED_GARNISH_ROWS,
        TRUSTED_STATUS_ROWS,
        TRUSTED_QUALITY);
  }
}
