package dev.lakehouse.cli;

import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.SparkJobs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Runs the nightly job in a Spark JVM of its own (never beside the broker: Scala 2.12 against
 * 2.13), its log in a file, and shows on the console one line per step as the job finishes it, then
 * the job's summary.
 *
 * @param settingsFile the settings the job reads
 * @param workDir where the report, summary, progress file and log go
 */
record NightlyRun(Path settingsFile, Path workDir, List<String> tables, boolean dryRun) {

  /** What the run left: its exit code, and where its report and log are. */
  record Result(int exitCode, Path report, Path summary, Path log) {}

  Result run(PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path report = workDir.resolve("nightly-report.json");
    Path summary = workDir.resolve("nightly-summary.txt");
    Path progress = workDir.resolve("nightly-progress.txt");
    Path log = workDir.resolve("nightly.log");
    for (Path previous : List.of(report, summary, progress)) {
      Files.deleteIfExists(previous);
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config",
                settingsFile.toString(),
                "--report",
                report.toString(),
                "--summary",
                summary.toString(),
                "--progress",
                progress.toString()));
    if (!tables.isEmpty()) {
      args.add("--tables");
      args.add(String.join(",", tables));
    }
    if (dryRun) {
      args.add("--dry-run");
    }
    int shown = 0;
    OptionalInt exit;
    try (ChildJvm job = ChildJvm.start(SparkJobs.spec("nightly", SparkJobs.NIGHTLY, args, log))) {
      do {
        exit = job.waitFor(Duration.ofMillis(500));
        shown = showNewLines(progress, shown, out);
      } while (exit.isEmpty());
    }
    if (Files.exists(summary)) {
      out.println();
      out.print(Files.readString(summary, StandardCharsets.UTF_8));
    }
    return new Result(exit.getAsInt(), report, summary, log);
  }

  private static int showNewLines(Path progress, int shown, PrintStream out) throws IOException {
    if (!Files.exists(progress)) {
      return shown;
    }
    List<String> lines = Files.readAllLines(progress, StandardCharsets.UTF_8);
    // the last line may still be being written: show only lines a newline ended
    String text = Files.readString(progress, StandardCharsets.UTF_8);
    int complete = text.endsWith("\n") ? lines.size() : lines.size() - 1;
    for (int i = shown; i < complete; i++) {
      out.println("  " + lines.get(i));
    }
    return Math.max(shown, complete);
  }
}
