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

  int size() {
    return size;
  }

  long get(int index) {
    return values[index];
  }

  void clear() {
    size = 0;
    if (values.length > 1 << 16) {
      values = new long[1024];
    }
  }
}
