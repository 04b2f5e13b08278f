package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.GenerationManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks that the topics hold each generated good line exactly once and each bad line once in the
 * dead letters.
 */
final class IngestExpectations {
  private IngestExpectations() {}

  static List<String> topics() {
    List<String> topics = new ArrayList<>(Stream.of(Dataset.values()).map(Dataset::topic).toList());
    topics.add(Topics.DLQ_INGEST);
    return topics;
  }

  /**
   * @param uriPrefix the URI of the location the files were ingested from (ends with '/')
   */
  static void assertExactlyOnce(
      String bootstrapServers, GenerationManifest manifest, String uriPrefix) {
    List<TopicContents.Seen> seen =
        TopicContents.read(bootstrapServers, topics()).stream()
            .filter(s -> s.uri() != null && s.uri().startsWith(uriPrefix))
            .toList();
    Map<String, Long> publishedPerFile = new HashMap<>();
    Map<String, Map<String, Long>> deadLettersPerFile = new HashMap<>();
    Set<String> coordinates = new HashSet<>();
    for (TopicContents.Seen s : seen) {
      String file = s.uri().substring(uriPrefix.length());
      assertThat(coordinates.add(s.uri() + ":" + s.line()))
          .as("%s line %d appears once", s.uri(), s.line())
          .isTrue();
      if (s.topic().equals(Topics.DLQ_INGEST)) {
        deadLettersPerFile
            .computeIfAbsent(file, f -> new TreeMap<>())
            .merge(s.reason(), 1L, Long::sum);
      } else {
        Dataset dataset = Dataset.forFileName(file).orElseThrow();
        assertThat(s.topic()).isEqualTo(dataset.topic());
        publishedPerFile.merge(file, 1L, Long::sum);
      }
    }
    for (FileManifest file : manifest.files()) {
      assertThat(publishedPerFile.getOrDefault(file.fileName(), 0L))
          .as("records of %s published", file.fileName())
          .isEqualTo(file.expectedPublished());
      assertThat(deadLettersPerFile.getOrDefault(file.fileName(), Map.of()))
          .as("dead letters of %s by reason", file.fileName())
          .isEqualTo(file.expectedDeadLetters());
    }
  }
}
