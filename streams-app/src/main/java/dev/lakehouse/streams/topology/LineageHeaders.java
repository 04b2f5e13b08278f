package dev.lakehouse.streams.topology;

import dev.lakehouse.common.contract.PipelineHeaders;

/** Headers that carry a record's source coordinates from the source topic to the raw table. */
public final class LineageHeaders {
  public static final String SOURCE_TOPIC = "lakehouse.raw.source.topic";
  public static final String SOURCE_PARTITION = "lakehouse.raw.source.partition";
  public static final String SOURCE_OFFSET = "lakehouse.raw.source.offset";
  public static final String SOURCE_TIMESTAMP = "lakehouse.raw.source.timestamp";
  public static final String REASON = PipelineHeaders.DLQ_REASON;
  public static final String DETAIL = PipelineHeaders.DLQ_DETAIL;
  public static final String DATASET = PipelineHeaders.DATASET;

  private LineageHeaders() {}
}
