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
  private final RowCodec codec;
  private final ClusteredBatchWriter files;
  private final Schema tableSchema;
  /** The columns the partition is computed from: all a row needs until its file is written. */
  private final Set<String> partitionColumns;

  /** @param schema the schema the stage encodes rows with (the table may have more columns) */
  public TrustedTableSink(Table table, Schema schema, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    this.codec = new RowCodec(schema);
    this.files = new ClusteredBatchWriter(table, targetFileSizeBytes, writerNumber);
    this.tableSchema = files.schema();
    this.partitionColumns = table.spec().fields().stream().map(f -> tableSchema.findColumnName(f.sourceId())).collect(Collectors.toSet());
  }

  @Override
  public Table table() {
    return table;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    files.add(codec.decodeInto(record.value(), tableSchema, partitionColumns), record.value());
  }

  @Override
  public List<DataFile> complete() {
    return files.complete(bytes -> codec.decodeInto(bytes, tableSchema));
  }

  @Override
  public void abort() {
    files.abort();
  }
}
