package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.streams.topology.LineageHeaders;
import dev.lakehouse.streams.writer.HeaderValues;
import dev.lakehouse.streams.writer.TableSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The raw table of one dataset, fed by its rows topic: each record is a row the topology typed
 * ({@link RawRowCodec}), written with its lineage. Records that earlier versions put on the topic (the
 * source JSON, with the lineage in headers) are typed again with the same parser.
 */
public final class RawTableSink implements TableSink {
  private final Table table;
  private final RawRowCodec codec;
  private final RawRecordParser parser;
  private final RawRowWriter rows;

  public RawTableSink(Dataset dataset, Table table, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    this.codec = new RawRowCodec(dataset);
    this.parser = new RawRecordParser(dataset);
    this.rows = new RawRowWriter(table, codec.fields(), targetFileSizeBytes, writerNumber, Instant::now);
  }

  @Override
  public Table table() {
    return table;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    if (RawRowCodec.isEncoded(record.value())) {
      RawRowCodec.RawRow row = codec.decode(record.value());
      rows.write(row.values(), row.lineage());
      return;
    }
    ParseResult result = parser.parse(record.value());
    if (!(result instanceof ParseResult.Parsed parsed)) {
      // the topology only forwards records this same parser accepted: this is a bug, never data to drop silently
      throw new IllegalStateException("a record the topology validated does not parse: " + record.topic() + "-"
          + record.partition() + "@" + record.offset() + " " + ((ParseResult.Rejected) result).reason());
    }
    rows.write(inContractOrder(parsed.values()), lineageFromHeaders(record));
  }

  @Override
  public List<DataFile> complete() {
    return rows.complete();
  }

  @Override
  public void abort() {
    rows.abort();
  }

  private Object[] inContractOrder(Map<String, Object> values) {
    return codec.fields().stream().map(values::get).toArray();
  }

  private static Lineage lineageFromHeaders(ConsumerRecord<byte[], byte[]> record) {
    String line = HeaderValues.text(record.headers(), PipelineHeaders.SOURCE_LINE);
    return new Lineage(
        HeaderValues.text(record.headers(), LineageHeaders.SOURCE_TOPIC),
        Integer.parseInt(HeaderValues.text(record.headers(), LineageHeaders.SOURCE_PARTITION)),
        Long.parseLong(HeaderValues.text(record.headers(), LineageHeaders.SOURCE_OFFSET)),
        Long.parseLong(HeaderValues.text(record.headers(), LineageHeaders.SOURCE_TIMESTAMP)),
        HeaderValues.text(record.headers(), PipelineHeaders.SOURCE_URI),
        line == null ? null : Long.parseLong(line));
  }
}
