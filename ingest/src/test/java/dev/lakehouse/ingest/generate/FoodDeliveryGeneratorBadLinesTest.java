package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakehouse.common.contract.Dataset;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * With a bad-line rate of 2%, re-reading every file finds exactly the bad lines the manifest
 * announces, of every kind, in place of good lines; the truncated file breaks where the manifest
 * says.
 */
class FoodDeliveryGeneratorBadLinesTest {
  private static final long ORDERS = 5_000;

  @Test
  void manifestCountsMatchWhatTheFilesHold() {
    GeneratedSample sample = GeneratedSample.of(7, ORDERS, 0.02);
    for (Dataset dataset :
        List.of(Dataset.CONSUMER, Dataset.RESTAURANT, Dataset.ORDER, Dataset.ORDER_STATUS)) {
      FileManifest manifest = sample.manifestOf(dataset.fileName());
      List<byte[]> lines = SourceFiles.lines(sample.file(dataset.fileName()));
      if (dataset.format() == dev.lakehouse.common.contract.SourceFormat.CSV) {
        lines = lines.subList(1, lines.size());
      }
      Map<BadLineKind, Long> found = new EnumMap<>(BadLineKind.class);
      long good = 0;
      for (byte[] line : lines) {
        assertThat(line).as("blank line").isNotEmpty();
        assertThat(line).doesNotContain((byte) '\r');
        Optional<BadLineKind> kind = classify(dataset, line);
        if (kind.isPresent()) {
          found.merge(kind.get(), 1L, Long::sum);
        } else {
          good++;
        }
      }
      assertThat(manifest.lines()).as(dataset + " lines").isEqualTo(lines.size());
      assertThat(manifest.goodRecords()).as(dataset + " good").isEqualTo(good);
      for (BadLineKind kind : BadLineKind.values()) {
        assertThat(manifest.badLines(kind))
            .as(dataset + " " + kind)
            .isEqualTo(found.getOrDefault(kind, 0L));
        if (!kind.appliesTo(dataset.format())) {
          assertThat(manifest.badLines()).doesNotContainKey(kind);
        }
      }
      assertThat((double) manifest.totalBadLines() / manifest.lines())
          .as(dataset + " bad share")
          .isBetween(0.012, 0.028);
      if (dataset != Dataset.RESTAURANT) { // 125 lines: only 2 or 3 bad ones
        for (BadLineKind kind : BadLineKind.values()) {
          if (kind.appliesTo(dataset.format())) {
            assertThat(found.getOrDefault(kind, 0L)).as(dataset + " " + kind).isPositive();
          }
        }
      }
      assertThat(manifest.expectedPublished())
          .isEqualTo(good + found.getOrDefault(BadLineKind.WRONG_TYPES, 0L));
      long deadLetters =
          manifest.expectedDeadLetters().values().stream().mapToLong(Long::longValue).sum();
      assertThat(manifest.expectedPublished() + deadLetters).isEqualTo(manifest.lines());
    }
    FileManifest orders = sample.manifestOf("order.json.gz");
    assertThat(orders.expectedDeadLetters())
        .containsOnlyKeys("malformed-json", "invalid-utf8", "missing-key");
    FileManifest consumers = sample.manifestOf("consumer.csv.gz");
    assertThat(consumers.expectedDeadLetters())
        .containsOnlyKeys("wrong-column-count", "invalid-utf8", "missing-key");
  }

  @Test
  void badLinesReplaceGoodLinesAndLeaveTheOthersAlone() {
    GeneratedSample clean = GeneratedSample.of(7, ORDERS, 0.0);
    GeneratedSample dirty = GeneratedSample.of(7, ORDERS, 0.02);
    for (Dataset dataset : List.of(Dataset.CONSUMER, Dataset.ORDER, Dataset.ORDER_STATUS)) {
      List<byte[]> cleanLines = SourceFiles.lines(clean.file(dataset.fileName()));
      List<byte[]> dirtyLines = SourceFiles.lines(dirty.file(dataset.fileName()));
      assertThat(dirtyLines).hasSameSizeAs(cleanLines);
      long differing = 0;
      for (int i = 0; i < cleanLines.size(); i++) {
        if (!java.util.Arrays.equals(cleanLines.get(i), dirtyLines.get(i))) {
          differing++;
        }
      }
      assertThat(differing).isEqualTo(dirty.manifestOf(dataset.fileName()).totalBadLines());
    }
  }

  @Test
  void theTruncatedFileBreaksAfterTheRecoverableLines() throws Exception {
    GeneratedSample sample = GeneratedSample.of(7, ORDERS, 0.02);
    FileManifest manifest = sample.manifestOf(GeneratorOptions.TRUNCATED_FILE_NAME);
    byte[] bytes = sample.file(GeneratorOptions.TRUNCATED_FILE_NAME);
    assertThatThrownBy(
            () -> {
              try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(EOFException.class);

    SourceFiles.Lines read = SourceFiles.readLines(bytes);
    assertThat(read.truncated()).isTrue();
    assertThat(manifest.truncatedGzip()).isTrue();
    assertThat(manifest.dataset()).isEqualTo("ORDER");
    assertThat(manifest.lines()).isEqualTo(50); // 1% of 5,000
    assertThat(manifest.goodRecords()).isEqualTo(manifest.lines());
    assertThat(manifest.recoverableLines()).isEqualTo(read.complete().size());
    assertThat(manifest.recoverableLines()).isBetween(manifest.lines() / 2, manifest.lines() - 1);
    assertThat(read.partial()).isNotEmpty();
    assertThat(manifest.expectedPublished()).isEqualTo(manifest.recoverableLines());
    assertThat(manifest.expectedDeadLetters()).containsExactly(Map.entry("truncated-gzip", 1L));

    Set<String> mainIds = new HashSet<>();
    for (JsonNode order :
        SourceFiles.jsonObjects(GeneratedSample.of(7, ORDERS, 0.0).file("order.json.gz"))) {
      mainIds.add(order.get("order_id").asText());
    }
    Set<String> truncatedIds = new HashSet<>();
    for (byte[] line : read.complete()) {
      JsonNode order = SourceFiles.parse(SourceFiles.text(line));
      assertThat(classify(Dataset.ORDER, line)).isEmpty();
      truncatedIds.add(order.get("order_id").asText());
    }
    assertThat(truncatedIds).hasSize(read.complete().size()).doesNotContainAnyElementsOf(mainIds);

    // the cut removed about the last fifth of the compressed bytes
    TruncatedOrderFile file = new TruncatedOrderFile(new GenerationContext(sample.options()));
    assertThat(file.keptBytes()).isEqualTo(bytes.length);
    assertThat((double) bytes.length / file.fullBytes()).isBetween(0.75, 0.85);
  }

  @Test
  void noTruncatedFileWithoutBadData() {
    GeneratedSample sample = GeneratedSample.of(7, ORDERS, 0.0);
    assertThat(sample.sink().files).doesNotContainKey(GeneratorOptions.TRUNCATED_FILE_NAME);
  }

  /**
   * The kind of bad line, or empty for a good line, judged the way an ingestor and the raw layer
   * would.
   */
  static Optional<BadLineKind> classify(Dataset dataset, byte[] bytes) {
    Optional<String> text = SourceFiles.utf8(bytes);
    if (text.isEmpty()) {
      return Optional.of(BadLineKind.INVALID_UTF8);
    }
    if (dataset.format() == dev.lakehouse.common.contract.SourceFormat.CSV) {
      List<String> cells = SourceFiles.csvCells(text.get());
      if (cells.size() != dataset.fieldNames().size()) {
        return Optional.of(BadLineKind.WRONG_COLUMN_COUNT);
      }
      String key = cells.get(dataset.fieldNames().indexOf(dataset.keyField()));
      if (key == null || key.isBlank()) {
        return Optional.of(BadLineKind.MISSING_KEY);
      }
      return csvTypesOk(dataset, cells) ? Optional.empty() : Optional.of(BadLineKind.WRONG_TYPES);
    }
    Optional<JsonNode> json = SourceFiles.json(text.get());
    if (json.isEmpty() || !json.get().isObject()) {
      return Optional.of(BadLineKind.BROKEN_JSON);
    }
    JsonNode key = json.get().get(dataset.keyField());
    if (key == null || key.isNull() || key.asText().isBlank()) {
      return Optional.of(BadLineKind.MISSING_KEY);
    }
    return jsonTypesOk(dataset, json.get())
        ? Optional.empty()
        : Optional.of(BadLineKind.WRONG_TYPES);
  }

  private static boolean jsonTypesOk(Dataset dataset, JsonNode node) {
    if (!FoodDeliveryGeneratorQuirksTest.fieldNames(node).equals(dataset.fieldNames())) {
      return false;
    }
    if (dataset == Dataset.ORDER) {
      return node.get("order_total_amount").isNumber()
          && node.get("order_scheduled").isBoolean()
          && isInstant(node.get("order_created_at").asText());
    }
    return isInstant(node.get("created_at").asText());
  }

  private static boolean csvTypesOk(Dataset dataset, List<String> cells) {
    try {
      if (dataset == Dataset.CONSUMER) {
        return isInstant(cells.get(2)) && isBoolean(cells.get(3));
      }
      int priceRange = Integer.parseInt(cells.get(3));
      Double.parseDouble(cells.get(4));
      Integer.parseInt(cells.get(5));
      if (cells.get(6) != null) {
        Integer.parseInt(cells.get(6));
      }
      if (cells.get(7) != null) {
        Double.parseDouble(cells.get(7));
      }
      return isInstant(cells.get(1))
          && isBoolean(cells.get(2))
          && priceRange >= 1
          && priceRange <= 5;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isBoolean(String text) {
    return "true".equals(text) || "false".equals(text);
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
