package dev.lakehouse.streams.writer;

import java.time.Duration;

/**
 * How the Iceberg writer batches.
 *
 * @param commitInterval one commit per table per interval (default 5 s: records are visible within about
 *     two intervals of arriving)
 * @param targetFileSizeBytes data files roll at this size (default 128 MB)
 * @param bufferBudgetBytes source bytes buffered in open files before an early commit (default 256 MB)
 */
public record WriterSettings(Duration commitInterval, long targetFileSizeBytes, long bufferBudgetBytes) {
  public WriterSettings {
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("the commit interval must be positive");
    }
    if (targetFileSizeBytes < 1024 * 1024) {
      throw new IllegalArgumentException("the target file size must be at least 1 MiB");
    }
    if (bufferBudgetBytes < 1024 * 1024) {
      throw new IllegalArgumentException("the buffer budget must be at least 1 MiB");
    }
  }

  public static WriterSettings defaults() {
    return new WriterSettings(Duration.ofSeconds(5), 128L * 1024 * 1024, 256L * 1024 * 1024);
  }
}
