package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.DeadLetterHeaders;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.streams.writer.HeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks one source record against its contract. A valid record goes on to the dataset's rows topic
 * as its typed row with its lineage ({@link RawRowCodec}), so the writer does not parse it again.
 * An invalid one goes to the dead letters with the original bytes, the reason, its source
 * coordinates as headers and the ingestor's headers (source URI and line).
 */
final class ValidateProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  static final String ROWS = "rows";
  static final String DEAD_LETTERS = "dead-letters";

  private final DatasetContract dataset;
  private final RawRecordParser parser;
  private final RawRowCodec codec;
  private final String rowsChild;
  private final String deadLettersChild;

  /** The source URI repeats for every line of a file: its header is decoded once per file. */
  private byte[] lastUriBytes;

  private String lastUri;
  private ProcessorContext<byte[], byte[]> context;

  ValidateProcessor(DatasetContract dataset) {
    this.dataset = dataset;
    this.parser = new RawRecordParser(dataset);
    this.codec = new RawRowCodec(dataset);
    this.rowsChild = ROWS + "-" + dataset.name();
    this.deadLettersChild = DEAD_LETTERS + "-" + dataset.name();
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    ParseResult result =
        record.value() == null
            ? new ParseResult.Rejected("missing-value", "the record has no value")
            : parser.parse(record.value());
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    if (result instanceof ParseResult.Parsed parsed) {
      byte[] row =
          codec.encode(
              parsed.ordered(),
              new Lineage(
                  metadata.topic(),
                  metadata.partition(),
                  metadata.offset(),
                  record.timestamp(),
                  sourceUri(record.headers()),
                  sourceLine(record.headers())),
              record.value().length + 128);
      context.forward(record.withValue(row).withHeaders(new RecordHeaders()), rowsChild);
      return;
    }
    ParseResult.Rejected rejected = (ParseResult.Rejected) result;
    // the ingestor's headers (source file and line) stay; the dead letter's are added to them
    Record<byte[], byte[]> out = record.withHeaders(record.headers());
    DeadLetterHeaders.of(dataset.name(), rejected.reason(), rejected.detail())
        .sourceRecord(metadata.topic(), metadata.partition(), metadata.offset(), record.timestamp())
        .addTo(out.headers()::add);
    context.forward(out, deadLettersChild);
  }

  /** The ingestor's source URI, or null when absent. */
  private String sourceUri(Headers headers) {
    Header header = headers.lastHeader(PipelineHeaders.SOURCE_URI);
    if (header == null || header.value() == null) {
      return null;
    }
    byte[] value = header.value();
    if (!Arrays.equals(value, lastUriBytes)) {
      lastUriBytes = value;
      lastUri = new String(value, StandardCharsets.UTF_8);
    }
    return lastUri;
  }

  /**
   * The ingestor's source line; null when absent, or not a number (the row keeps its other
   * lineage).
   */
  private static Long sourceLine(Headers headers) {
    String line = HeaderValues.text(headers, PipelineHeaders.SOURCE_LINE);
    if (line == null) {
      return null;
    }
    try {
      return Long.parseLong(line.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
