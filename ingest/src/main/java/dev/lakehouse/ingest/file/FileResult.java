package dev.lakehouse.ingest.file;

import java.util.Map;
import java.util.Optional;

/** What happened to one file in a run. */
public record FileResult(
    String uri,
    Outcome outcome,
    long published,
    long deadLettered,
    Map<String, Long> deadLettersByReason,
    long bytesRead,
    Optional<String> problem) {

  /** How a file ended in this run. */
  public enum Outcome {
    /** Every record is now published (or dead-lettered). */
    INGESTED,
    /** Already complete in an earlier run, unchanged: skipped. */
    ALREADY_INGESTED,
    /**
     * Ingested up to a broken gzip tail: the tail is a dead letter and the rest of the file is
     * lost.
     */
    TRUNCATED,
    /** Changed since an earlier run ingested (all or part of) it: not re-read. */
    CHANGED,
    /** Could not be read at all (missing, access denied, corrupt). */
    UNREADABLE;

    /** True when nothing needs a person's attention. */
    public boolean ok() {
      return this == INGESTED || this == ALREADY_INGESTED;
    }
  }
}
