package dev.lakehouse.bench.compare;

/**
 * What one throughput run of one runner measured: the same backlog for every run.
 *
 * @param records source records the runner had to land (every record in the topics)
 * @param seconds from the runner's process start until every one of them was in a committed
 *     snapshot (for the limit: until its last file was uploaded and it exited)
 * @param landedRows rows in the runner's tables at the end; equal to {@code records} when nothing
 *     was lost or written twice; -1 for the limit, which has no tables
 */
record RunResult(
    String runner,
    int run,
    long records,
    double seconds,
    long valueBytes,
    long snapshots,
    long dataFiles,
    long fileBytes,
    long peakHeapBytes,
    long peakRssBytes,
    long landedRows) {

  double recordsPerSecond() {
    return records / seconds;
  }

  double megabytesPerSecond() {
    return valueBytes / seconds / 1e6;
  }

  double averageFileBytes() {
    return dataFiles == 0 ? 0 : (double) fileBytes / dataFiles;
  }
}
