package dev.lakehouse.streams.iceberg;

import org.apache.kafka.common.TopicPartition;

/**
 * The input a batch holds for one partition: offsets {@code from} (inclusive) to {@code to}
 * (exclusive).
 */
public record OffsetRange(TopicPartition partition, long from, long to) {
  public OffsetRange {
    if (partition == null) {
      throw new IllegalArgumentException("an offset range needs its partition");
    }
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("bad range [" + from + ", " + to + ") for " + partition);
    }
  }

  /** The partition as the table's offsets name it ({@link CommittedOffsets#partitionKey}). */
  public String partitionKey() {
    return CommittedOffsets.partitionKey(partition.topic(), partition.partition());
  }

  @Override
  public String toString() {
    return partitionKey() + ":[" + from + "," + to + ")";
  }
}
