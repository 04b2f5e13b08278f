package dev.lakehouse.streams.writer;

import dev.lakehouse.streams.iceberg.CommittedOffsets;
import dev.lakehouse.streams.iceberg.WriterLetterMarks;

/**
 * A record of a rows topic that the writer could not turn into a row of its table: the {@code
 * writer} stage's dead letter, with the record's rows-topic coordinates, its source coordinates
 * when it decoded that far ({@code source} null otherwise), the reason, a detail that never quotes
 * the record, and its original bytes.
 */
public record WriterLetter(
    String rowsTopic,
    int partition,
    long offset,
    long timestampMillis,
    String dataset,
    String reason,
    String detail,
    Source source,
    byte[] payload) {

  /** Where the record came from before the raw stage typed it. */
  public record Source(String topic, int partition, long offset, String uri, Long line) {}

  public WriterLetterMarks.Position position() {
    return new WriterLetterMarks.Position(
        CommittedOffsets.partitionKey(rowsTopic, partition), offset);
  }

  /** Where the writer's own dead letters land, each once (the dead-letter table). */
  public interface Table {
    /**
     * Commits the letters the table does not hold yet, before the data tables of their batch
     * commit; returns those it committed, counted by {@code stage/reason}.
     */
    java.util.Map<String, Long> commit(java.util.List<WriterLetter> letters);
  }
}
