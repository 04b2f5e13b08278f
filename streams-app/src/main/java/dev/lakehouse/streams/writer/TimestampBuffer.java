package dev.lakehouse.streams.writer;

import java.util.Arrays;

/** The Kafka timestamps of a batch's records, kept until the commit measures their freshness. */
final class TimestampBuffer {
  private long[] values = new long[1024];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  long[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
