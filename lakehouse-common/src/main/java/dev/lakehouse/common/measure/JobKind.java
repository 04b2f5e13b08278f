package dev.lakehouse.common.measure;

/** What kind of process a job is: the {@code kind} of the measure schema's job dimension. */
public enum JobKind {
  INGEST,
  STREAMS_COMMIT,
  NIGHTLY,
  VALIDATION
}
