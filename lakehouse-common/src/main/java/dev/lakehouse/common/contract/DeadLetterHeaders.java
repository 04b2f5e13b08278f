package dev.lakehouse.common.contract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The headers of a dead letter, built in one place for every stage that makes one: what it was
 * meant for and why ({@link PipelineHeaders#DATASET}, {@link PipelineHeaders#DLQ_REASON}, {@link
 * PipelineHeaders#DLQ_DETAIL}), then whatever the stage knows of where it came from. Absent
 * coordinates (null) are left out. Added to Kafka headers with {@code addTo(headers::add)}.
 */
public final class DeadLetterHeaders {
  private final Map<String, byte[]> values = new LinkedHashMap<>();

  private DeadLetterHeaders() {}

  /**
   * A dead letter of {@code dataset}, refused for {@code reason}; {@code detail} names a field or a
   * position, never a value.
   */
  public static DeadLetterHeaders of(String dataset, String reason, String detail) {
    return new DeadLetterHeaders()
        .put(PipelineHeaders.DATASET, dataset)
        .put(PipelineHeaders.DLQ_REASON, reason)
        .put(PipelineHeaders.DLQ_DETAIL, detail);
  }

  /** The source file and line, when known. */
  public DeadLetterHeaders sourceFile(String uri, Long line) {
    return put(PipelineHeaders.SOURCE_URI, uri)
        .put(PipelineHeaders.SOURCE_LINE, line == null ? null : Long.toString(line));
  }

  /** The source record's topic, partition, offset and Kafka timestamp. */
  public DeadLetterHeaders sourceRecord(
      String topic, int partition, long offset, long timestampMillis) {
    return put(PipelineHeaders.SOURCE_TOPIC, topic)
        .put(PipelineHeaders.SOURCE_PARTITION, Integer.toString(partition))
        .put(PipelineHeaders.SOURCE_OFFSET, Long.toString(offset))
        .put(PipelineHeaders.SOURCE_TIMESTAMP, Long.toString(timestampMillis));
  }

  /** The whole record's length when the dead letter holds only its first bytes. */
  public DeadLetterHeaders originalLength(long length) {
    return put(PipelineHeaders.DLQ_ORIGINAL_LENGTH, Long.toString(length));
  }

  /**
   * Where the record began in its (decompressed) source file, its whole length and the SHA-256 of
   * all of it.
   */
  public DeadLetterHeaders original(long offset, long length, String sha256Hex) {
    return put(PipelineHeaders.DLQ_ORIGINAL_OFFSET, Long.toString(offset))
        .originalLength(length)
        .put(PipelineHeaders.DLQ_ORIGINAL_SHA256, sha256Hex);
  }

  /** Adds each header, in the order built, as UTF-8 bytes. */
  public void addTo(BiConsumer<String, byte[]> headers) {
    values.forEach(headers);
  }

  private DeadLetterHeaders put(String name, String value) {
    if (value != null) {
      values.put(name, value.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }
}
