package dev.lakehouse.streams.iceberg;

import dev.lakehouse.common.lake.LakeMarks;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;

/**
 * The input offsets a table's data covers: for each Kafka partition, the next offset to read. They
 * are written into the summary of every snapshot the writer commits, atomically with the data,
 * under {@value #SUMMARY_KEY}. A snapshot made by someone else (the nightly compaction) carries
 * none: the newest snapshot that carries them is the truth.
 */
public final class CommittedOffsets {
  public static final String SUMMARY_KEY = LakeMarks.KAFKA_OFFSETS;

  private final Map<String, Long> nextOffsets;

  private CommittedOffsets(Map<String, Long> nextOffsets) {
    this.nextOffsets = Collections.unmodifiableMap(new TreeMap<>(nextOffsets));
  }

  public static CommittedOffsets none() {
    return new CommittedOffsets(Map.of());
  }

  public static CommittedOffsets of(Map<String, Long> nextOffsetsByPartition) {
    nextOffsetsByPartition.forEach(
        (partition, offset) -> {
          requirePartitionKey(partition);
          if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " for " + partition);
          }
        });
    return new CommittedOffsets(nextOffsetsByPartition);
  }

  /** The partition key used in the summary, e.g. {@code raw.rows.order-3}. */
  public static String partitionKey(String topic, int partition) {
    return topic + "-" + partition;
  }

  /**
   * The topic of a {@link #partitionKey}: {@code raw.rows.order-3} is of {@code raw.rows.order}.
   */
  public static String topicOf(String partitionKey) {
    requirePartitionKey(partitionKey);
    return partitionKey.substring(0, partitionKey.lastIndexOf('-'));
  }

  /** The offsets of the newest snapshot that has them, walking back from the current one. */
  public static CommittedOffsets fromSnapshots(Iterable<Snapshot> newestFirst) {
    return findInSnapshots(newestFirst).orElse(none());
  }

  /** The offsets of the newest snapshot that has them; empty when no snapshot does. */
  public static Optional<CommittedOffsets> findInSnapshots(Iterable<Snapshot> newestFirst) {
    return newestWithOffsets(newestFirst).flatMap(snapshot -> fromSummary(snapshot.summary()));
  }

  /**
   * The newest snapshot that carries offsets (and the {@link TopicIds} they were read in, when it
   * records them).
   */
  public static Optional<Snapshot> newestWithOffsets(Iterable<Snapshot> newestFirst) {
    for (Snapshot snapshot : newestFirst) {
      if (snapshot.summary() != null && snapshot.summary().containsKey(SUMMARY_KEY)) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  static Optional<CommittedOffsets> fromSummary(Map<String, String> summary) {
    String encoded = summary == null ? null : summary.get(SUMMARY_KEY);
    return encoded == null ? Optional.empty() : Optional.of(decode(encoded));
  }

  public OptionalLong next(String partitionKey) {
    Long offset = nextOffsets.get(partitionKey);
    return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  public Map<String, Long> asMap() {
    return nextOffsets;
  }

  /** These offsets advanced by a batch's ends (partitions the batch does not touch keep theirs). */
  public CommittedOffsets advancedTo(Map<String, Long> batchEnds) {
    Map<String, Long> merged = new TreeMap<>(nextOffsets);
    merged.putAll(batchEnds);
    return of(merged);
  }

  /**
   * These offsets, plus {@code starts} for the partitions they have none for (those they have keep
   * theirs).
   */
  public CommittedOffsets withStarts(Map<String, Long> starts) {
    Map<String, Long> merged = new TreeMap<>(starts);
    merged.putAll(nextOffsets);
    return merged.equals(nextOffsets) ? this : of(merged);
  }

  /** {@code topic-partition=next,...}: compact, sorted, readable in a snapshot summary. */
  public String encode() {
    StringBuilder out = new StringBuilder();
    nextOffsets.forEach(
        (partition, offset) -> {
          if (out.length() > 0) {
            out.append(',');
          }
          out.append(partition).append('=').append(offset);
        });
    return out.toString();
  }

  static CommittedOffsets decode(String encoded) {
    Map<String, Long> offsets = new TreeMap<>();
    if (!encoded.isBlank()) {
      for (String entry : encoded.split(",")) {
        int eq = entry.lastIndexOf('=');
        if (eq <= 0) {
          throw new IllegalStateException("corrupt " + SUMMARY_KEY + " entry '" + entry + "'");
        }
        offsets.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
      }
    }
    return of(offsets);
  }

  private static void requirePartitionKey(String key) {
    int dash = key.lastIndexOf('-');
    if (dash <= 0
        || dash == key.length() - 1
        || !key.substring(dash + 1).chars().allMatch(Character::isDigit)
        || key.contains(",")
        || key.contains("=")) {
      throw new IllegalArgumentException("not a topic-partition key: '" + key + "'");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CommittedOffsets o && o.nextOffsets.equals(nextOffsets);
  }

  @Override
  public int hashCode() {
    return nextOffsets.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }
}
