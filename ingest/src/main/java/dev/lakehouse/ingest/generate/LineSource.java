package dev.lakehouse.ingest.generate;

/** A sequence of lines produced one at a time. */
interface LineSource {
  /** Puts the next line (no newline) into {@code out}, replacing its content; false at the end. */
  boolean next(StringBuilder out);
}
