package dev.lakehouse.ingest.file;

import java.io.IOException;
import java.util.Optional;

/**
 * Moves a fresh reader of a file to where its committed progress stopped: it reads and skips the
 * records the progress counts (a gzip stream cannot be entered in the middle). What counts as one
 * record depends on the record limits, so the skip must end at the byte offset the progress
 * recorded; when it does not, resuming would publish some records twice or skip some, and the file
 * is refused. Progress written before the offset was recorded resumes by count alone.
 */
final class FileResume {
  private FileResume() {}

  /**
   * Skips the records {@code progress} counts; the reason not to resume, or empty when the reader
   * stands where that run stopped.
   */
  static Optional<String> skip(RecordReader reader, FileProgress progress) throws IOException {
    long skip = progress.recordsRead();
    for (long i = 0; i < skip; i++) {
      if (reader.next() == null) {
        break;
      }
    }
    Long expected = progress.nextOffset();
    if (skip == 0 || expected == null || reader.nextRecordOffset() == expected) {
      return Optional.empty();
    }
    return Optional.of(
        "not resumed: skipping the "
            + skip
            + " records run "
            + progress.runId()
            + " read ends at byte "
            + reader.nextRecordOffset()
            + ", not at byte "
            + expected
            + " where that run stopped, so records are split"
            + " differently now; resume with that run's --max-record-bytes and --max-csv-lines");
  }
}
