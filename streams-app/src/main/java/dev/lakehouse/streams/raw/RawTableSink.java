package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.writer.TableSink;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The raw table of one dataset, fed by its rows topic: each record is a row the topology typed, written
 * with its lineage straight from its binary form ({@link RawRowReader} also reads the source JSON that
 * earlier versions put there).
 */
public final class RawTableSink implements TableSink {
  private final Table table;
  private final RawRowReader reader;
  private final RawRowWriter rows;

  public RawTableSink(Dataset dataset, Table table, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    this.reader = new RawRowReader(dataset);
    this.rows = new RawRowWriter(dataset, table, targetFileSizeBytes, writerNumber, Instant::now);
  }

  @Override
  public Table table() {
    return table;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    RowFit.Verdict verdict;
    if (RawRowCodec.isEncoded(record.value())) {
      verdict = rows.write(record.value());
    } else {
      RawRowCodec.RawRow row = reader.read(record.value(), record.headers(), record.topic() + "-" + record.partition() + "@" + record.offset());
      verdict = rows.write(row.values(), row.lineage());
    }
    if (!verdict.ok()) {
      throw new IllegalStateException("table " + table.name() + " cannot hold the row at " + record.topic() + "-" + record.partition()
          + "@" + record.offset() + ": " + verdict.reason() + " (" + verdict.detail() + ")");
    }
  }

  @Override
  public List<DataFile> complete() {
    return rows.complete();
  }

  @Override
  public void abort() {
    rows.abort();
  }
}
