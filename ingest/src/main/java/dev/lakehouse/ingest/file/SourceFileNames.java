package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.Contracts;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.SourceFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which files are source files: the file stem of a dataset the contracts declare ({@code order*},
 * {@code status*}, {@code consumer*}, {@code restaurant*} for the built-in ones) with an extension
 * of its format, plain or gzip ({@code .json}, {@code .jsonl}, {@code .ndjson} for JSON Lines,
 * {@code .csv} for CSV, each optionally followed by {@code .gz}). Hidden files and folders (a name
 * starting with '.') and anything else, temporary copies such as {@code order.json.tmp} or {@code
 * order.json.part} included, are ignored.
 */
final class SourceFileNames {
  static final List<String> JSON_LINES_EXTENSIONS = List.of(".json", ".jsonl", ".ndjson");
  static final List<String> CSV_EXTENSIONS = List.of(".csv");
  static final List<String> COMPRESSED_SUFFIXES = List.of("", ".gz");

  private final Contracts contracts;

  SourceFileNames(Contracts contracts) {
    this.contracts = contracts;
  }

  /**
   * The dataset of a file, from its path relative to the location ({@code a/b/order.json.gz}), or
   * empty when it is not a source file.
   */
  Optional<DatasetContract> dataset(String relativePath) {
    for (String part : relativePath.split("/")) {
      if (part.startsWith(".")) {
        return Optional.empty();
      }
    }
    String name =
        relativePath.substring(relativePath.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    Optional<DatasetContract> dataset = contracts.forFileName(name);
    if (dataset.isEmpty()) {
      return dataset;
    }
    List<String> extensions =
        dataset.get().format() == SourceFormat.CSV ? CSV_EXTENSIONS : JSON_LINES_EXTENSIONS;
    for (String extension : extensions) {
      for (String compressed : COMPRESSED_SUFFIXES) {
        if (name.endsWith(extension + compressed)
            && name.length() > (extension + compressed).length()) {
          return dataset;
        }
      }
    }
    return Optional.empty();
  }
}
