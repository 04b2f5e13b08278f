package dev.lakehouse.streams.iceberg;

/**
 * The input a batch holds for one partition: offsets {@code from} (inclusive) to {@code to}
 * (exclusive).
 */
public record OffsetRange(String partitionKey, long from, long to) {
  public OffsetRange {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "bad range [" + from + ", " + to + ") for " + partitionKey);
    }
  }

  @Override
  public String toString() {
    return partitionKey + ":[" + from + "," + to + ")";
  }
}
