package dev.lakehouse.common.contract;

import java.util.List;

/** The dead-letter topics of the pipeline, one per stage; the Streams app lands all of them in one table. */
public final class DeadLetterTopics {
  /** Lines the ingestors could not read as a record. */
  public static final String INGEST = "dlq.ingest";
  /** Records that failed parsing or validation against their contract in the raw stage. */
  public static final String RAW = "dlq.raw";
  /** Orders whose items the trusted stage could not read (the order itself is in trusted). */
  public static final String TRUSTED = "dlq.trusted";

  private DeadLetterTopics() {}

  public static List<String> all() {
    return List.of(INGEST, RAW, TRUSTED);
  }

  /** The stage name of a dead-letter topic, e.g. {@code ingest} for {@code dlq.ingest}. */
  public static String stage(String topic) {
    return topic.startsWith("dlq.") ? topic.substring(4) : topic;
  }
}
