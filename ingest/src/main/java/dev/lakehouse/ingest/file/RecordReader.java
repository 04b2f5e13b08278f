package dev.lakehouse.ingest.file;

import java.io.IOException;

/** Reads a source file record by record. */
interface RecordReader {
  /** The next record, good or bad, or null at the end of the file. */
  SourceRecord next() throws IOException;

  /** Bytes read after the last complete record when the stream broke (e.g. a truncated gzip). */
  byte[] partialRecord();

  /** The line the partial record starts on. */
  long partialRecordLine();
}
