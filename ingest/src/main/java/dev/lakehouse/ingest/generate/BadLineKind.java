package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.SourceFormat;
import java.util.Optional;

/**
 * The kinds of bad line the generator plants, with the reason an ingestor dead-letters each under.
 */
public enum BadLineKind {
  /** JSON cut in half or with unbalanced braces. */
  BROKEN_JSON("malformed-json", true, false),
  /** A CSV record with too few or too many cells. */
  WRONG_COLUMN_COUNT("wrong-column-count", false, true),
  /** Bytes that are not UTF-8 (0xC3 0x28, 0xFF, a Latin-1 letter). */
  INVALID_UTF8("invalid-utf8", true, true),
  /**
   * A well-formed record with its key whose values have the wrong type: caught by the raw layer,
   * not the ingestor.
   */
  WRONG_TYPES(null, true, true),
  /** The natural key absent, null or empty. */
  MISSING_KEY("missing-key", true, true);

  private final String reasonCode;
  private final boolean inJson;
  private final boolean inCsv;

  BadLineKind(String reasonCode, boolean inJson, boolean inCsv) {
    this.reasonCode = reasonCode;
    this.inJson = inJson;
    this.inCsv = inCsv;
  }

  /**
   * The ingestor's dead-letter reason for this kind; empty for {@link #WRONG_TYPES}, which is
   * published.
   */
  public Optional<String> deadLetterReason() {
    return Optional.ofNullable(reasonCode);
  }

  /** Whether this kind is planted in files of the given format. */
  public boolean appliesTo(SourceFormat format) {
    return format == SourceFormat.CSV ? inCsv : inJson;
  }
}
