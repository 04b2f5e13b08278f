package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.codec.RowCodec;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.streams.writer.ClusteredBatchWriter;
import dev.lakehouse.streams.writer.RecordFit;
import dev.lakehouse.streams.writer.RowVerdict;
import dev.lakehouse.streams.writer.TableSink;
import dev.lakehouse.streams.writer.WriterLetter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A trusted table fed by its rows topic: each record is one version of a row, appended as it is.
 * Rows are held encoded until the commit and written partition by partition ({@link
 * ClusteredBatchWriter}): the trusted tables are wide and an order's day can be any of many, so
 * open writers per partition would not fit. A record that does not decode, or whose row a column
 * cannot hold ({@link RecordFit}), is written nowhere: it becomes a dead letter of the writer, and
 * the rest of the batch commits.
 */
public final class TrustedTableSink implements TableSink {
  private final Table table;
  private final String tableName;
  private final ClusteredBatchWriter files;
  private final RowCodec.Projection rows;

  /** Only the columns the partition is computed from: all a row needs until its file is written. */
  private final RowCodec.Projection partitions;

  private final RecordFit fit;
  private final boolean hasLineage;

  /** Where each record of the batch came from, by ordinal, for the letters of those refused. */
  private final List<Origin> batch = new ArrayList<>();

  private final List<Refusal> refusals = new ArrayList<>();
  private List<WriterLetter> completedLetters = new ArrayList<>();

  private record Origin(String topic, int partition, long offset, long timestampMillis) {}

  private record Refusal(
      int ordinal, RowVerdict verdict, WriterLetter.Source source, byte[] payload) {}

  /**
   * @param schema the schema the stage encodes rows with (the table may have more columns)
   */
  public TrustedTableSink(Table table, Schema schema, long targetFileSizeBytes, int writerNumber) {
    this.table = table;
    String[] name = table.name().split("\\.");
    this.tableName =
        name.length >= 2 ? name[name.length - 2] + "." + name[name.length - 1] : table.name();
    RowCodec codec = new RowCodec(schema);
    this.files = new ClusteredBatchWriter(table, targetFileSizeBytes, writerNumber);
    Schema tableSchema = files.schema();
    this.rows = codec.projectionOnto(tableSchema);
    Set<String> partitionColumns =
        table.spec().fields().stream()
            .map(f -> tableSchema.findColumnName(f.sourceId()))
            .collect(Collectors.toSet());
    this.partitions = codec.projectionOnto(tableSchema, partitionColumns);
    this.fit = new RecordFit(tableSchema);
    this.hasLineage = tableSchema.findField(RawTables.SOURCE_OFFSET) != null;
  }

  @Override
  public Table table() {
    return table;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    int ordinal = batch.size();
    batch.add(new Origin(record.topic(), record.partition(), record.offset(), record.timestamp()));
    if (record.value() == null) {
      refusals.add(
          new Refusal(ordinal, RowVerdict.undecodable("the record has no value"), null, null));
      return;
    }
    try {
      files.add(partitions.decode(record.value()), record.value(), ordinal);
    } catch (RuntimeException e) {
      refusals.add(new Refusal(ordinal, undecodable(e), null, record.value()));
    }
  }

  @Override
  public List<DataFile> complete() {
    List<DataFile> written = files.complete(this::decodeOrRefuse);
    refusals.sort(Comparator.comparingInt(Refusal::ordinal));
    for (Refusal refusal : refusals) {
      Origin origin = batch.get(refusal.ordinal());
      completedLetters.add(
          new WriterLetter(
              origin.topic(),
              origin.partition(),
              origin.offset(),
              origin.timestampMillis(),
              tableName,
              refusal.verdict().reason(),
              refusal.verdict().detail(),
              refusal.source(),
              refusal.payload()));
    }
    clearBatch();
    return written;
  }

  private Record decodeOrRefuse(byte[] encoded, int ordinal) {
    GenericRecord row;
    try {
      row = rows.decode(encoded);
    } catch (RuntimeException e) {
      refusals.add(new Refusal(ordinal, undecodable(e), null, encoded));
      return null;
    }
    RowVerdict verdict = fit.check(row);
    if (verdict.ok()) {
      return row;
    }
    refusals.add(new Refusal(ordinal, verdict, source(row), encoded));
    return null;
  }

  /** The source coordinates a decoded row names, when its table keeps them. */
  private WriterLetter.Source source(GenericRecord row) {
    if (!hasLineage
        || !(row.getField(RawTables.SOURCE_TOPIC) instanceof CharSequence topic)
        || !(row.getField(RawTables.SOURCE_PARTITION) instanceof Integer partition)
        || !(row.getField(RawTables.SOURCE_OFFSET) instanceof Long offset)) {
      return null;
    }
    return new WriterLetter.Source(topic.toString(), partition, offset, null, null);
  }

  /** Names the failure's kind only: a message, a date's say, may quote the value. */
  private static RowVerdict undecodable(RuntimeException e) {
    return RowVerdict.undecodable("the row does not decode (" + e.getClass().getSimpleName() + ")");
  }

  @Override
  public List<WriterLetter> takeLetters() {
    List<WriterLetter> taken = completedLetters;
    completedLetters = new ArrayList<>();
    return taken;
  }

  @Override
  public void abort() {
    clearBatch();
    completedLetters.clear();
    files.abort();
  }

  private void clearBatch() {
    batch.clear();
    refusals.clear();
  }
}
