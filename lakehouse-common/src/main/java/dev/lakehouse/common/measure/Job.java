package dev.lakehouse.common.measure;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A job of the process log: its name (the measure schema's job key), its kind and the lake layer it
 * works on. The names are made here only:
 *
 * <ul>
 *   <li>{@code ingest-files} (a run of the file ingestor) and {@code ingest-files:file} (one file
 *       of a run), layer {@code source};
 *   <li>{@code ingest-api}, layer {@code source};
 *   <li>{@code streams-commit:<table>} (a commit of the Streams writer), the table's namespace;
 *   <li>{@code nightly:<step>:<table>}, the table's namespace;
 *   <li>{@code validation:<check>}, layer {@code lake}.
 * </ul>
 */
public record Job(String name, JobKind kind, String layer) {
  private static final Pattern PART = Pattern.compile("[a-z0-9_.-]+");

  public Job {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(layer, "layer");
  }

  public static Job ingestFiles() {
    return new Job("ingest-files", JobKind.INGEST, "source");
  }

  public static Job ingestFile() {
    return new Job("ingest-files:file", JobKind.INGEST, "source");
  }

  public static Job ingestApi() {
    return new Job("ingest-api", JobKind.INGEST, "source");
  }

  /** A commit of the Streams writer to {@code table} ({@code <namespace>.<name>}). */
  public static Job streamsCommit(String table) {
    return new Job("streams-commit:" + part(table), JobKind.STREAMS_COMMIT, namespaceOf(table));
  }

  /** The nightly job's {@code step} on {@code table} ({@code <namespace>.<name>}). */
  public static Job nightly(String step, String table) {
    return new Job(
        "nightly:" + part(step) + ":" + part(table), JobKind.NIGHTLY, namespaceOf(table));
  }

  /** A validation check of the nightly job. */
  public static Job validation(String check) {
    return new Job("validation:" + part(check), JobKind.VALIDATION, "lake");
  }

  private static String namespaceOf(String table) {
    int dot = part(table).indexOf('.');
    if (dot <= 0 || dot == table.length() - 1) {
      throw new IllegalArgumentException("not a <namespace>.<name> table: " + table);
    }
    return table.substring(0, dot);
  }

  private static String part(String value) {
    if (value == null || !PART.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a job name part is lower-case letters, digits, '_', '.' and '-': " + value);
    }
    return value;
  }
}
