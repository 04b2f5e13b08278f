package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.codec.RowCodec;
import dev.lakehouse.streams.writer.ClusteredBatchWriter;
import dev.lakehouse.streams.writer.TableSink;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A trusted table fed by its rows topic: each record is one version of a row, appended as it is. Rows are
 * held encoded until the commit and written partition by partition ({@link ClusteredBatchWriter}): the
 * trusted tables are wide and an order's day can be any of many, so open writers per partition would not fit.
 */
public final class TrustedTableSink implements TableSink {
  private final Table table;
  private final ClusteredBatchWriter files;
  private final RowCodec.Projection rows;
  /** Only the columns the partition is computed from: all a row needs until its file is written. */
  private final RowCodec.Projection partitions;

  /** @param schema the schema the stage encodes rows with (the table may have more columns) */
  public TrustedTableSink(Table table, Schema schema, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    RowCodec codec = new RowCodec(schema);
    this.files = new ClusteredBatchWriter(table, targetFileSizeBytes, writerNumber);
    Schema tableSchema = files.schema();
    this.rows = codec.projectionOnto(tableSchema);
    Set<String> partitionColumns = table.spec().fields().stream().map(f -> tableSchema.findColumnName(f.sourceId())).collect(Collectors.toSet());
    this.partitions = codec.projectionOnto(tableSchema, partitionColumns);
  }

  @Override
  public Table table() {
    return table;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    files.add(partitions.decode(record.value()), record.value());
  }

  @Override
  public List<DataFile> complete() {
    return files.complete(rows::decode);
  }

  @Override
  public void abort() {
    files.abort();
  }
}
