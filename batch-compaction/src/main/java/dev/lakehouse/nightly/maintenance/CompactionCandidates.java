package dev.lakehouse.nightly.maintenance;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which data files a compaction would rewrite, decided with no I/O by the rule Iceberg's planner
 * applies: a file is a candidate when it is smaller than three quarters of the target size, larger
 * than 1.8 times it, or has delete files; a partition is rewritten when it has at least {@code
 * minInputFiles} candidates, or a candidate with deletes. What a dry run reports, and what tells a
 * real run that there is nothing to do.
 *
 * @param files the candidate files of the partitions that would be rewritten
 * @param bytes their bytes
 * @param partitions how many partitions would be rewritten
 */
record CompactionCandidates(long files, long bytes, int partitions) {
  static CompactionCandidates of(
      Collection<DataFileFacts> dataFiles, long targetFileBytes, int minInputFiles) {
    long small = targetFileBytes * 3 / 4;
    long large = targetFileBytes * 9 / 5;
    Map<String, List<DataFileFacts>> byPartition = new HashMap<>();
    for (DataFileFacts file : dataFiles) {
      if (file.bytes() < small || file.bytes() > large || file.deleteFiles() > 0) {
        byPartition.computeIfAbsent(file.partition(), p -> new java.util.ArrayList<>()).add(file);
      }
    }
    long files = 0;
    long bytes = 0;
    int partitions = 0;
    for (List<DataFileFacts> candidates : byPartition.values()) {
      boolean withDeletes = candidates.stream().anyMatch(f -> f.deleteFiles() > 0);
      if (candidates.size() >= minInputFiles || withDeletes) {
        partitions++;
        files += candidates.size();
        bytes += candidates.stream().mapToLong(DataFileFacts::bytes).sum();
      }
    }
    return new CompactionCandidates(files, bytes, partitions);
  }
}
