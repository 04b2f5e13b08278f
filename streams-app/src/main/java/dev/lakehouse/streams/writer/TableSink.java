package dev.lakehouse.streams.writer;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns the records of its input topics into rows of one Iceberg table, buffered in open data files
 * until the writer commits them. One thread at a time calls it: the writer's, or one of its lanes
 * ({@link SinkLanes}), with a happens-before edge between them.
 */
public interface TableSink {
  Table table();

  /** Types one input record into a row of the current batch. */
  void write(ConsumerRecord<byte[], byte[]> record);

  /** Closes the batch's files and returns them for one commit. */
  List<DataFile> complete();

  /** Drops the current batch (its rows will be read again). */
  void abort();

  /**
   * The records of the batch last completed that the table could not hold, in offset order per
   * partition: they are in no file, and become the writer's dead letters. Each call hands them over
   * once.
   */
  default List<WriterLetter> takeLetters() {
    return List.of();
  }

  /**
   * Counts, by label, of the rows in the batch last completed, e.g. dead letters by reason; empty
   * when not applicable.
   */
  default Map<String, Long> completedCounts() {
    return Map.of();
  }
}
