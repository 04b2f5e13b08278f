package dev.lakehouse.streams.writer;

import dev.lakehouse.streams.iceberg.OffsetRange;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the writer's open batch holds besides the rows in its tables' open files: the records' size
 * and count per table, and their Kafka timestamps for the freshness measure. {@link #close} turns
 * it into an immutable {@link Result}; the writer then opens a new batch.
 */
final class WriterBatch {
  private final long openedNanos;
  private final Map<TableSink, TimestampBuffer> timestamps = new IdentityHashMap<>();
  private long bufferedBytes;
  private long records;

  WriterBatch(long openedNanos) {
    this.openedNanos = openedNanos;
  }

  /** Counts one partition's records of a poll, bound for {@code sink}. */
  void add(TableSink sink, List<ConsumerRecord<byte[], byte[]>> partitionRecords) {
    TimestampBuffer sinkTimestamps = timestamps.computeIfAbsent(sink, s -> new TimestampBuffer());
    for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
      sinkTimestamps.add(record.timestamp());
      bufferedBytes +=
          Math.max(0, record.serializedValueSize()) + Math.max(0, record.serializedKeySize());
    }
    records += partitionRecords.size();
  }

  long openedNanos() {
    return openedNanos;
  }

  long bufferedBytes() {
    return bufferedBytes;
  }

  long records() {
    return records;
  }

  /**
   * The batch's input per table: for each partition the writer moved in it, from where the batch
   * started to where the consumer now is.
   *
   * @param starts where the batch started in each partition
   * @param positions where the consumer is in each partition it holds
   */
  Result close(
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> positions,
      Function<String, TableSink> sinkOfTopic) {
    Map<TableSink, List<OffsetRange>> ranges = new LinkedHashMap<>();
    List<TopicPartition> touched = new ArrayList<>();
    positions.forEach(
        (tp, end) -> {
          Long start = starts.get(tp);
          if (start != null && end > start) {
            ranges
                .computeIfAbsent(sinkOfTopic.apply(tp.topic()), s -> new ArrayList<>())
                .add(new OffsetRange(tp, start, end));
            touched.add(tp);
          }
        });
    Map<TableSink, SinkInput> bySink = new IdentityHashMap<>();
    timestamps.forEach((sink, buffer) -> bySink.put(sink, new SinkInput(buffer.toArray())));
    Map<TableSink, List<OffsetRange>> frozen = new LinkedHashMap<>();
    ranges.forEach((sink, list) -> frozen.put(sink, List.copyOf(list)));
    return new Result(
        java.util.Collections.unmodifiableMap(frozen),
        List.copyOf(touched),
        java.util.Collections.unmodifiableMap(bySink));
  }

  /** What one table received in a batch: its records' Kafka timestamps. */
  record SinkInput(long[] timestamps) {
    long records() {
      return timestamps.length;
    }
  }

  /**
   * A closed batch: the offset ranges to commit per table, the partitions it moved, and what each
   * table received.
   */
  record Result(
      Map<TableSink, List<OffsetRange>> ranges,
      List<TopicPartition> touched,
      Map<TableSink, SinkInput> input) {

    /** What {@code sink} received; nothing when the batch held none of its records. */
    SinkInput inputOf(TableSink sink) {
      return input.getOrDefault(sink, new SinkInput(new long[0]));
    }
  }
}
