package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.streams.writer.RowVerdict;
import dev.lakehouse.streams.writer.TableSink;
import dev.lakehouse.streams.writer.WriterLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The raw table of one dataset, fed by its rows topic: each record is a row the topology typed,
 * written with its lineage straight from its binary form ({@link RawRowCodec}); a record in any
 * other form is a writer dead letter.
 */
public final class RawTableSink implements TableSink {
  private final DatasetContract dataset;
  private final Table table;
  private final RawRowWriter rows;
  private final List<WriterLetter> letters = new ArrayList<>();
  private List<WriterLetter> completedLetters = new ArrayList<>();

  public RawTableSink(
      DatasetContract dataset, Table table, long targetFileSizeBytes, int writerNumber) {
    this.dataset = dataset;
    this.table = table;
    this.rows = new RawRowWriter(dataset, table, targetFileSizeBytes, writerNumber, Instant::now);
  }

  @Override
  public Table table() {
    return table;
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    RowVerdict verdict;
    if (record.value() == null) {
      verdict = new RowVerdict(RowVerdict.UNDECODABLE, "the record has no value", false);
    } else {
      verdict = rows.write(record.value());
    }
    if (!verdict.ok()) {
      Lineage source = verdict.decoded() ? rows.lastLineage() : null;
      letters.add(
          new WriterLetter(
              record.topic(),
              record.partition(),
              record.offset(),
              record.timestamp(),
              dataset.name(),
              verdict.reason(),
              verdict.detail(),
              source == null
                  ? null
                  : new WriterLetter.Source(
                      source.topic(),
                      source.partition(),
                      source.offset(),
                      source.sourceUri(),
                      source.sourceLine()),
              record.value()));
    }
  }

  @Override
  public List<WriterLetter> takeLetters() {
    List<WriterLetter> taken = completedLetters;
    completedLetters = new ArrayList<>();
    return taken;
  }

  @Override
  public List<DataFile> complete() {
    completedLetters.addAll(letters);
    letters.clear();
    return rows.complete();
  }

  @Override
  public void abort() {
    letters.clear();
    completedLetters.clear();
    rows.abort();
  }
}
