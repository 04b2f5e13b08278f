package dev.lakehouse.ingest.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of {@link FoodDeliveryGenerator} wrote: its options and one {@link FileManifest} per
 * file, in the order written. Written as {@code _manifest.json} next to the files.
 */
public record GenerationManifest(GeneratorOptions options, List<FileManifest> files) {
  /** The name of the manifest file written last by the generator. */
  public static final String FILE_NAME = "_manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  public GenerationManifest {
    files = List.copyOf(files);
  }

  /**
   * Data lines written in all files (CSV headers excluded, truncated files counted before
   * truncation).
   */
  public long totalLines() {
    return files.stream().mapToLong(FileManifest::lines).sum();
  }

  /** The manifest of one file, by name. */
  public Optional<FileManifest> file(String fileName) {
    return files.stream().filter(f -> f.fileName().equals(fileName)).findFirst();
  }

  /** One pretty-printed JSON object: options, totals and, per file, its counts and expectations. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode opts = root.putObject("options");
    opts.put("seed", options.seed());
    opts.put("orders", options.orders());
    opts.put("badRate", options.badRate());
    root.put("totalLines", totalLines());
    ArrayNode array = root.putArray("files");
    for (FileManifest file : files) {
      ObjectNode node = array.addObject();
      node.put("fileName", file.fileName());
      node.put("dataset", file.dataset());
      node.put("lines", file.lines());
      node.put("goodRecords", file.goodRecords());
      ObjectNode bad = node.putObject("badLines");
      file.badLines().forEach((kind, count) -> bad.put(kind.name(), count));
      node.put("truncatedGzip", file.truncatedGzip());
      node.put("recoverableLines", file.recoverableLines());
      node.put("expectedPublished", file.expectedPublished());
      ObjectNode dead = node.putObject("expectedDeadLetters");
      file.expectedDeadLetters().forEach(dead::put);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads what {@link #toJson()} wrote (derived fields are recomputed, not read). */
  public static GenerationManifest fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      JsonNode opts = root.required("options");
      GeneratorOptions options =
          new GeneratorOptions(
              opts.required("seed").asLong(),
              opts.required("orders").asLong(),
              opts.required("badRate").asDouble());
      List<FileManifest> files = new ArrayList<>();
      for (JsonNode node : root.required("files")) {
        Map<BadLineKind, Long> bad = new EnumMap<>(BadLineKind.class);
        for (Map.Entry<String, JsonNode> entry : node.required("badLines").properties()) {
          bad.put(BadLineKind.valueOf(entry.getKey()), entry.getValue().asLong());
        }
        files.add(
            new FileManifest(
                node.required("fileName").asText(),
                node.required("dataset").asText(),
                node.required("lines").asLong(),
                node.required("goodRecords").asLong(),
                bad,
                node.required("truncatedGzip").asBoolean(),
                node.required("recoverableLines").asLong()));
      }
      return new GenerationManifest(options, files);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a generation manifest: " + e.getOriginalMessage(), e);
    }
  }
}
