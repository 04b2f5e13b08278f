package dev.lakehouse.ingest.file;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of a run's files, printed as a table with totals, and the exit code they imply;
 * {@code runId} names the run in the logs and the process events.
 */
public record IngestSummary(List<FileResult> files, long elapsedNanos, String runId) {

  public long published() {
    return files.stream().mapToLong(FileResult::published).sum();
  }

  public Map<String, Long> deadLettersByReason() {
    Map<String, Long> total = new TreeMap<>();
    files.forEach(
        f -> f.deadLettersByReason().forEach((reason, n) -> total.merge(reason, n, Long::sum)));
    return total;
  }

  public boolean everythingIngested() {
    return files.stream().allMatch(f -> f.outcome().ok());
  }

  /**
   * 0 when every file is fully ingested (bad lines went to the dead letters); 1 when any file needs
   * attention.
   */
  public int exitCode() {
    return everythingIngested() ? 0 : 1;
  }

  public void print(PrintStream out) {
    for (FileResult file : files) {
      out.printf(
          "%-16s %10d published %8d dead letters  %s%n",
          file.outcome(), file.published(), file.deadLettered(), file.uri());
      file.problem().ifPresent(p -> out.println("                 " + p));
    }
    double seconds = elapsedNanos / 1e9;
    long bytes = files.stream().mapToLong(FileResult::bytesRead).sum();
    out.printf(
        "files: %d (%d need attention)   published: %d   dead letters: %s   %.1f s, %.0f records/s, %.1f MB/s of source%n",
        files.size(),
        files.stream().filter(f -> !f.outcome().ok()).count(),
        published(),
        deadLettersByReason(),
        seconds,
        seconds > 0 ? published() / seconds : 0.0,
        seconds > 0 ? bytes / seconds / 1e6 : 0.0);
  }
}
