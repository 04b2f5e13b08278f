package dev.lakehouse.streams.topology;

/** Headers that carry a record's source coordinates from the source topic to the raw table. */
public final class LineageHeaders {
  public static final String SOURCE_TOPIC = "lakehouse.raw.source.topic";
  public static final String SOURCE_PARTITION = "lakehouse.raw.source.partition";
  public static final String SOURCE_OFFSET = "lakehouse.raw.source.offset";
  public static final String SOURCE_TIMESTAMP = "lakehouse.raw.source.timestamp";
  public static final String REASON = "lakehouse.dlq.reason";
  public static final String DETAIL = "lakehouse.dlq.detail";
  public static final String DATASET = "lakehouse.dataset";

  private LineageHeaders() {}
}
