package dev.lakehouse.common.contract;

/** How a source file holds its records. Compression (gzip or none) is detected from the bytes. */
public enum SourceFormat {
  /** One JSON object per line. */
  JSON_LINES,
  /** RFC 4180 CSV with a header line; quoted cells may hold commas, quotes and newlines. */
  CSV
}
