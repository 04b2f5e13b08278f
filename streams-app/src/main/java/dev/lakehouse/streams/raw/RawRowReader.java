package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.streams.writer.HeaderValues;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a record of a {@code raw.rows.<dataset>} topic into a typed row with its lineage: the
 * binary form the topology writes ({@link RawRowCodec}), or the source JSON with its lineage in
 * headers that versions before it wrote, typed again with the same parser.
 */
public final class RawRowReader {
  private final RawRowCodec codec;
  private final RawRecordParser parser;

  public RawRowReader(DatasetContract dataset) {
    this.codec = new RawRowCodec(dataset);
    this.parser = new RawRecordParser(dataset);
  }

  public RawRowCodec codec() {
    return codec;
  }

  /**
   * @param where names the record in the error raised when a validated record no longer parses (a
   *     bug, never data to drop)
   */
  public RawRowCodec.RawRow read(byte[] value, Headers headers, String where) {
    if (RawRowCodec.isEncoded(value)) {
      return codec.decode(value);
    }
    ParseResult result = parser.parse(value);
    if (!(result instanceof ParseResult.Parsed parsed)) {
      throw new IllegalStateException(
          "a record the topology validated does not parse: "
              + where
              + " "
              + ((ParseResult.Rejected) result).reason());
    }
    Object[] values = parsed.ordered();
    String line = HeaderValues.text(headers, PipelineHeaders.SOURCE_LINE);
    return new RawRowCodec.RawRow(
        values,
        new Lineage(
            HeaderValues.text(headers, PipelineHeaders.SOURCE_TOPIC),
            Integer.parseInt(HeaderValues.text(headers, PipelineHeaders.SOURCE_PARTITION)),
            Long.parseLong(HeaderValues.text(headers, PipelineHeaders.SOURCE_OFFSET)),
            Long.parseLong(HeaderValues.text(headers, PipelineHeaders.SOURCE_TIMESTAMP)),
            HeaderValues.text(headers, PipelineHeaders.SOURCE_URI),
            line == null ? null : Long.parseLong(line)));
  }
}
