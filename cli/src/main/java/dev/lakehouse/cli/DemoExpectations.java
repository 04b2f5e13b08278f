package dev.lakehouse.cli;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.BadLineKind;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.GenerationManifest;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo's tables must hold: good records per dataset, and dead letters by stage and reason.
 */
final class DemoExpectations {
  private final Map<Dataset, Long> rows = new EnumMap<>(Dataset.class);
  private final Map<String, Long> deadLetters = new TreeMap<>();

  DemoExpectations(GenerationManifest manifest) {
    for (Dataset dataset : Dataset.values()) {
      rows.put(dataset, 0L);
    }
    long wrongTypes = 0;
    for (FileManifest file : manifest.files()) {
      wrongTypes += file.badLines(BadLineKind.WRONG_TYPES);
      rows.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
      file.expectedDeadLetters()
          .forEach((reason, count) -> deadLetters.merge("ingest/" + reason, count, Long::sum));
    }
    if (wrongTypes > 0) {
      deadLetters.put("raw/*", wrongTypes);
    }
  }

  void addLive(Map<Dataset, Long> emitted) {
    emitted.forEach((dataset, count) -> rows.merge(dataset, count, Long::sum));
  }

  long rows(Dataset dataset) {
    return rows.get(dataset);
  }

  long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  long totalDeadLetters() {
    return deadLetters.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Dead letters by {@code stage/reason}; the raw stage's reasons are not planned, so it is one
   * {@code raw/*} entry.
   */
  Map<String, Long> deadLetters() {
    return deadLetters;
  }
}
