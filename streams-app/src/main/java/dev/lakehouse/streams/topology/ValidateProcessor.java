package dev.lakehouse.streams.topology;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.ParseResult;
import dev.lakehouse.streams.raw.RawRecordParser;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks one source record against its contract. A valid record goes on to the dataset's rows topic
 * unchanged (the writer types it again with the same parser), with its source coordinates added as
 * headers. An invalid one goes to the dead letters with the reason. Both keep the ingestor's headers
 * (source URI and line).
 */
final class ValidateProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  static final String ROWS = "rows";
  static final String DEAD_LETTERS = "dead-letters";

  private final Dataset dataset;
  private final RawRecordParser parser;
  private ProcessorContext<byte[], byte[]> context;

  ValidateProcessor(Dataset dataset) {
    this.dataset = dataset;
    this.parser = new RawRecordParser(dataset);
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Record<byte[], byte[]> out = record.withHeaders(record.headers());
    addCoordinates(out.headers(), record);
    ParseResult result = record.value() == null
        ? new ParseResult.Rejected("missing-value", "the record has no value")
        : parser.parse(record.value());
    if (result instanceof ParseResult.Rejected rejected) {
      out.headers().add(LineageHeaders.DATASET, utf8(dataset.datasetName()));
      out.headers().add(LineageHeaders.REASON, utf8(rejected.reason()));
      out.headers().add(LineageHeaders.DETAIL, utf8(rejected.detail()));
      context.forward(out, DEAD_LETTERS + "-" + dataset.datasetName());
    } else {
      context.forward(out, ROWS + "-" + dataset.datasetName());
    }
  }

  private void addCoordinates(Headers headers, Record<byte[], byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow();
    headers.add(LineageHeaders.SOURCE_TOPIC, utf8(metadata.topic()));
    headers.add(LineageHeaders.SOURCE_PARTITION, utf8(Integer.toString(metadata.partition())));
    headers.add(LineageHeaders.SOURCE_OFFSET, utf8(Long.toString(metadata.offset())));
    headers.add(LineageHeaders.SOURCE_TIMESTAMP, utf8(Long.toString(record.timestamp())));
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
