package dev.lakehouse.streams.deadletter;

import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.iceberg.WriterLetterMarks;
import dev.lakehouse.streams.writer.PartitionedFileWriter;
import dev.lakehouse.streams.writer.WriterLetter;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;

/**
 * Lands the writer's own dead letters in {@code raw.dead_letters}, once each: in files of their
 * own, committed before the data tables of their batch, with the marks that say which records'
 * letters the table holds ({@link TableCommitter#commitLetters}). Their Kafka coordinates ({@code
 * _dlq_*}) are those of the record in its rows topic, which keep them unique next to the letters of
 * the dead-letter topics.
 */
public final class WriterLetters implements WriterLetter.Table {
  private final PartitionedFileWriter<Record> files;
  private final Schema schema;
  private final TableCommitter committer;

  public WriterLetters(
      Table deadLetters, long targetFileSizeBytes, int writerNumber, TableCommitter committer) {
    this.files = PartitionedFileWriter.ofRecords(deadLetters, targetFileSizeBytes, writerNumber);
    this.schema = files.schema();
    this.committer = committer;
  }

  public Table table() {
    return files.table();
  }

  /**
   * Commits the letters the table does not hold yet; returns them counted by {@code writer/reason}
   * (empty when the table held every one already, as after a crash between this commit and the data
   * table's).
   */
  @Override
  public Map<String, Long> commit(List<WriterLetter> letters) {
    List<WriterLetterMarks.Position> positions =
        letters.stream().map(WriterLetter::position).toList();
    Map<String, Long> counts = new HashMap<>();
    OptionalLong snapshot =
        committer.commitLetters(
            files.table(),
            positions,
            indexes -> {
              files.abort();
              counts.clear();
              for (int index : indexes) {
                WriterLetter letter = letters.get(index);
                files.write(row(letter));
                counts.merge(DeadLetterTable.WRITER_STAGE + "/" + letter.reason(), 1L, Long::sum);
              }
              return files.complete();
            });
    return snapshot.isPresent() ? Map.copyOf(counts) : Map.of();
  }

  private Record row(WriterLetter letter) {
    GenericRecord row = GenericRecord.create(schema);
    row.setField(DeadLetterTable.STAGE, DeadLetterTable.WRITER_STAGE);
    row.setField(DeadLetterTable.DATASET, letter.dataset());
    row.setField(DeadLetterTable.REASON, letter.reason());
    row.setField(DeadLetterTable.DETAIL, letter.detail());
    row.setField(
        DeadLetterTable.PAYLOAD,
        letter.payload() == null ? null : ByteBuffer.wrap(letter.payload()));
    if (letter.source() != null) {
      row.setField(DeadLetterTable.SOURCE_URI, letter.source().uri());
      row.setField(DeadLetterTable.SOURCE_LINE, letter.source().line());
      row.setField(DeadLetterTable.SOURCE_TOPIC, letter.source().topic());
      row.setField(DeadLetterTable.SOURCE_PARTITION, letter.source().partition());
      row.setField(DeadLetterTable.SOURCE_OFFSET, letter.source().offset());
    }
    row.setField(
        DeadLetterTable.DEAD_LETTERED_AT, DeadLetterTable.deadLetteredAt(letter.timestampMillis()));
    row.setField(DeadLetterTable.DLQ_TOPIC, letter.rowsTopic());
    row.setField(DeadLetterTable.DLQ_PARTITION, letter.partition());
    row.setField(DeadLetterTable.DLQ_OFFSET, letter.offset());
    row.setField(DeadLetterTable.INGESTED_AT, OffsetDateTime.now(ZoneOffset.UTC));
    return row;
  }
}
