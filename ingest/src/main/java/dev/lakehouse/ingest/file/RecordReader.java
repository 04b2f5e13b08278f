package dev.lakehouse.ingest.file;

import java.io.IOException;

/**
 * Reads a source file record by record; total: every record comes out good or bad, never as an
 * exception.
 */
interface RecordReader {
  /**
   * The next record, good or bad, or null at the end of the file. Throws only when the stream
   * itself fails (e.g. a truncated gzip); then {@link #partialRecord} holds what was read of the
   * broken record.
   */
  SourceRecord next() throws IOException;

  /**
   * The bytes read after the last complete record when the stream broke, as a dead letter, or null
   * if none.
   */
  SourceRecord.Bad partialRecord(String reason, String detail);

  /**
   * The byte offset (in the decompressed stream) just after the records returned so far: where
   * reading the next one starts. Two readings of a file split it alike up to a record when they
   * stand at the same offset there.
   */
  long nextRecordOffset();

  /** The line the partial record starts on. */
  long partialRecordLine();
}
