package dev.lakehouse.ingest.file;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How far a file has been ingested. It is written to the progress topic in the same Kafka
 * transaction as the records it covers, so it is true exactly when they are visible.
 *
 * @param recordsRead source records consumed from the start of the file (good and bad), the resume
 *     point
 * @param nextOffset the byte offset (in the decompressed stream) just after those records: a resume
 *     that skipped {@code recordsRead} records must stand there, else what counts as a record
 *     changed (the record limits); null in progress written before it was recorded
 */
public record FileProgress(
    String uri,
    String fingerprint,
    long recordsRead,
    long published,
    long deadLettered,
    State state,
    String runId,
    Long nextOffset) {

  /** Where a file stands. */
  public enum State {
    IN_PROGRESS,
    /** Every record was read. */
    COMPLETE,
    /** The file ended in a broken gzip stream; everything before the break was ingested. */
    TRUNCATED;

    boolean finished() {
      return this != IN_PROGRESS;
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static FileProgress start(SourceFile file, String runId) {
    return new FileProgress(file.uri(), file.fingerprint(), 0, 0, 0, State.IN_PROGRESS, runId, 0L);
  }

  /** Progress after {@code read} more records, the next one starting at {@code offset}. */
  FileProgress advance(long read, long good, long bad, String run, long offset) {
    return new FileProgress(
        uri,
        fingerprint,
        recordsRead + read,
        published + good,
        deadLettered + bad,
        state,
        run,
        offset);
  }

  FileProgress finish(State finalState) {
    return new FileProgress(
        uri, fingerprint, recordsRead, published, deadLettered, finalState, runId, nextOffset);
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FileProgress fromJson(byte[] bytes) {
    try {
      return JSON.readValue(bytes, FileProgress.class);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable progress record: " + e.getMessage(), e);
    }
  }
}
