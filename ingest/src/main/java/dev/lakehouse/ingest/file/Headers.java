package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.PipelineHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Names of the headers every ingested record carries (source coordinates and run). */
public final class Headers {
  public static final String SOURCE_URI = PipelineHeaders.SOURCE_URI;
  public static final String SOURCE_LINE = PipelineHeaders.SOURCE_LINE;
  public static final String SOURCE_FINGERPRINT = "lakehouse.source.fingerprint";
  public static final String INGEST_RUN = "lakehouse.ingest.run";
  public static final String DATASET = PipelineHeaders.DATASET;
  public static final String DLQ_REASON = PipelineHeaders.DLQ_REASON;
  public static final String DLQ_DETAIL = PipelineHeaders.DLQ_DETAIL;
  public static final String DLQ_ORIGINAL_OFFSET = PipelineHeaders.DLQ_ORIGINAL_OFFSET;
  public static final String DLQ_ORIGINAL_LENGTH = PipelineHeaders.DLQ_ORIGINAL_LENGTH;
  public static final String DLQ_ORIGINAL_SHA256 = PipelineHeaders.DLQ_ORIGINAL_SHA256;

  private Headers() {}

  static RecordHeaders source(SourceFile file, long line, String runId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SOURCE_URI, utf8(file.uri()));
    headers.add(SOURCE_LINE, utf8(Long.toString(line)));
    headers.add(SOURCE_FINGERPRINT, utf8(file.fingerprint()));
    headers.add(INGEST_RUN, utf8(runId));
    return headers;
  }

  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
