package dev.lakehouse.ingest.generate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one generated file holds, and what an ingestor must make of it.
 *
 * <p>For every file {@code lines == goodRecords + sum(badLines)}. A truncated gzip file holds only
 * good lines; a reader gets {@code recoverableLines} complete lines before the gzip error, then a
 * non-empty partial line (the generator always cuts inside a line).
 *
 * @param fileName the file's name, e.g. {@code order.json.gz}
 * @param dataset the {@code Dataset} constant's name, e.g. {@code ORDER}
 * @param lines data lines written (before any truncation), excluding a CSV header
 * @param goodRecords valid records among them
 * @param badLines bad lines by kind, one entry per kind that applies to the file's format
 * @param truncatedGzip whether the compressed stream is cut short (no gzip trailer, data missing)
 * @param recoverableLines complete lines a reader gets before the gzip error; {@code lines} when
 *     not truncated
 */
public record FileManifest(
    String fileName,
    String dataset,
    long lines,
    long goodRecords,
    Map<BadLineKind, Long> badLines,
    boolean truncatedGzip,
    long recoverableLines) {
  /** The reason an ingestor dead-letters the partial last line of a truncated gzip file under. */
  public static final String TRUNCATED_GZIP_REASON = "truncated-gzip";

  public FileManifest {
    EnumMap<BadLineKind, Long> copy = new EnumMap<>(BadLineKind.class);
    copy.putAll(badLines);
    badLines = Collections.unmodifiableMap(copy);
  }

  /** Bad lines of one kind (0 when none). */
  public long badLines(BadLineKind kind) {
    return badLines.getOrDefault(kind, 0L);
  }

  /** All bad lines. */
  public long totalBadLines() {
    return badLines.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Lines an ingestor must publish to the source topic: the good ones plus {@link
   * BadLineKind#WRONG_TYPES} (well-formed, keyed, caught later by the raw layer); for a truncated
   * file, the recoverable lines.
   */
  public long expectedPublished() {
    if (truncatedGzip) {
      return recoverableLines;
    }
    return goodRecords + badLines(BadLineKind.WRONG_TYPES);
  }

  /**
   * Rows the file's dataset must gain in its raw table: what the ingestor publishes minus the
   * {@link BadLineKind#WRONG_TYPES} lines, which the raw stage dead-letters.
   */
  public long expectedRawRows() {
    return expectedPublished() - badLines(BadLineKind.WRONG_TYPES);
  }

  /**
   * Lines an ingestor must send to the dead-letter topic, by its reason code (only reasons with
   * lines).
   */
  public Map<String, Long> expectedDeadLetters() {
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (Map.Entry<BadLineKind, Long> entry : badLines.entrySet()) {
      if (entry.getValue() > 0) {
        entry
            .getKey()
            .deadLetterReason()
            .ifPresent(reason -> byReason.merge(reason, entry.getValue(), Long::sum));
      }
    }
    if (truncatedGzip && recoverableLines < lines) {
      byReason.put(TRUNCATED_GZIP_REASON, 1L);
    }
    return Collections.unmodifiableMap(byReason);
  }
}
