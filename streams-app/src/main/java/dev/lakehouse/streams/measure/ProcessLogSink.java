package dev.lakehouse.streams.measure;

import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessEventJson;
import dev.lakehouse.streams.writer.PartitionedFileWriter;
import dev.lakehouse.streams.writer.TableSink;
import dev.lakehouse.streams.writer.WriterLetter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Lands the process-events topic in {@code ops.process_log}, one row per event, through the
 * writer's commit protocol (the topic's offsets in the table's snapshots: each event once). An
 * event that does not read as a {@link ProcessEvent} is in no file: it becomes a dead letter of the
 * writer, with the reason and its bytes, and the rest of the batch commits.
 */
public final class ProcessLogSink implements TableSink {
  /** The dead-letter reason of an event that does not read. */
  public static final String INVALID_EVENT = "invalid_process_event";

  private static final String TABLE_NAME = ProcessLogTable.IDENTIFIER.toString();

  private final PartitionedFileWriter<Record> files;
  private final Schema schema;
  private final List<WriterLetter> batchLetters = new ArrayList<>();
  private List<WriterLetter> completedLetters = new ArrayList<>();

  public ProcessLogSink(Table table, long targetFileSizeBytes, int writerNumber) {
    this.files = PartitionedFileWriter.ofRecords(table, targetFileSizeBytes, writerNumber);
    this.schema = files.schema();
  }

  @Override
  public Table table() {
    return files.table();
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    ProcessEvent event;
    try {
      if (record.value() == null) {
        throw new IllegalArgumentException("the record has no value");
      }
      event = ProcessEventJson.read(record.value());
    } catch (IllegalArgumentException e) {
      batchLetters.add(
          new WriterLetter(
              record.topic(),
              record.partition(),
              record.offset(),
              record.timestamp(),
              TABLE_NAME,
              INVALID_EVENT,
              e.getMessage(),
              null,
              record.value()));
      return;
    }
    files.write(
        ProcessLogTable.row(
            schema,
            event,
            record.partition(),
            record.offset(),
            OffsetDateTime.now(ZoneOffset.UTC)));
  }

  @Override
  public List<DataFile> complete() {
    completedLetters.addAll(batchLetters);
    batchLetters.clear();
    return files.complete();
  }

  @Override
  public List<WriterLetter> takeLetters() {
    List<WriterLetter> taken = completedLetters;
    completedLetters = new ArrayList<>();
    return taken;
  }

  @Override
  public void abort() {
    batchLetters.clear();
    completedLetters.clear();
    files.abort();
  }
}
