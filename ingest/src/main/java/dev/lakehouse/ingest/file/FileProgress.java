package dev.lakehouse.ingest.file;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How far a file has been ingested. It is written to the progress topic in the same Kafka transaction
 * as the records it covers, so it is true exactly when they are visible.
 *
 * @param recordsRead source records consumed from the start of the file (good and bad), the resume point
 */
public record FileProgress(
    String uri, String fingerprint, long recordsRead, long published, long deadLettered, State state, String runId) {

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
    return new FileProgress(file.uri(), file.fingerprint(), 0, 0, 0, State.IN_PROGRESS, runId);
  }

  FileProgress advance(long read, long good, long bad, String run) {
    return new FileProgress(uri, fingerprint, recordsRead + read, published + good, deadLettered + bad, state, run);
  }

  FileProgress finish(State finalState) {
    return new FileProgress(uri, fingerprint, recordsRead, published, deadLettered, finalState, runId);
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
