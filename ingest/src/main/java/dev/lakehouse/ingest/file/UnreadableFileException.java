package dev.lakehouse.ingest.file;

import java.io.IOException;

/**
 * The file as a whole cannot be ingested (bad header, not a gzip stream, not found, access denied).
 */
final class UnreadableFileException extends IOException {
  private static final long serialVersionUID = 1L;

  UnreadableFileException(String message) {
    super(message);
  }

  UnreadableFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
