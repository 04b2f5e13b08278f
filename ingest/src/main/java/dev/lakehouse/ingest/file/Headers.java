package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.PipelineHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers every ingested record carries: its source file, line and fingerprint, and the run
 * ({@link PipelineHeaders}).
 */
final class Headers {
  private Headers() {}

  static RecordHeaders source(SourceFile file, long line, String runId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(PipelineHeaders.SOURCE_URI, utf8(file.uri()));
    headers.add(PipelineHeaders.SOURCE_LINE, utf8(Long.toString(line)));
    headers.add(PipelineHeaders.SOURCE_FINGERPRINT, utf8(file.fingerprint()));
    headers.add(PipelineHeaders.INGEST_RUN, utf8(runId));
    return headers;
  }

  static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
