package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.streams.topology.LineageHeaders;
import dev.lakehouse.streams.writer.HeaderValues;
import dev.lakehouse.streams.writer.TableSink;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The raw table of one dataset, fed by its rows topic: each record typed again and written with its lineage. */
public final class RawTableSink implements TableSink {
  private final Table table;
  private final RawRecordParser parser;
  private final RawRowWriter rows;

  public RawTableSink(Dataset dataset, Table table, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    this.parser = new RawRecordParser(dataset);
    this.rows = new RawRowWriter(table, targetFileSizeBytes, writerNumber, Instant::now);
  }

  @Override
  public Table table() {
    return table;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    ParseResult result = parser.parse(record.value());
    if (!(result instanceof ParseResult.Parsed parsed)) {
      // the topology only forwards records this same parser accepted: this is a bug, never data to drop silently
      throw new IllegalStateException("a record the topology validated does not parse: " + record.topic() + "-"
          + record.partition() + "@" + record.offset() + " " + ((ParseResult.Rejected) result).reason());
    }
    rows.write(parsed.values(), lineage(record));
  }

  @Override
  public List<DataFile> complete() {
    return rows.complete();
  }

  @Override
  public void abort() {
    rows.abort();
  }

  private static Lineage lineage(ConsumerRecord<byte[], byte[]> record) {
    String line = HeaderValues.text(record, PipelineHeaders.SOURCE_LINE);
    return new Lineage(
        HeaderValues.text(record, LineageHeaders.SOURCE_TOPIC),
        Integer.parseInt(HeaderValues.text(record, LineageHeaders.SOURCE_PARTITION)),
        Long.parseLong(HeaderValues.text(record, LineageHeaders.SOURCE_OFFSET)),
        Long.parseLong(HeaderValues.text(record, LineageHeaders.SOURCE_TIMESTAMP)),
        HeaderValues.text(record, PipelineHeaders.SOURCE_URI),
        line == null ? null : Long.parseLong(line));
  }
}
