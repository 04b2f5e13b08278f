package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.util.EnumMap;
import java.util.Map;

/** Counts the good and bad lines written to one file and makes its {@link FileManifest}. */
final class LineCounts {
  private final String fileName;
  private final Dataset dataset;
  private final Map<BadLineKind, Long> bad = new EnumMap<>(BadLineKind.class);
  private long good;

  LineCounts(String fileName, Dataset dataset) {
    this.fileName = fileName;
    this.dataset = dataset;
    for (BadLineKind kind : BadLineKind.values()) {
      if (kind.appliesTo(dataset.format())) {
        bad.put(kind, 0L);
      }
    }
  }

  void good() {
    good++;
  }

  void bad(BadLineKind kind) {
    bad.merge(kind, 1L, Long::sum);
  }

  long lines() {
    return good + bad.values().stream().mapToLong(Long::longValue).sum();
  }

  FileManifest manifest() {
    long lines = lines();
    return new FileManifest(fileName, dataset.name(), lines, good, bad, false, lines);
  }
}
