package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.SparkJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Runs the nightly job in its own Spark JVM, as {@code ./lakehouse nightly} does. */
final class NightlyRuns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NightlyRuns() {}

  /**
   * Runs the job with {@code config} on {@code tables} (all when empty), requires {@code exitCode},
   * and returns its report.
   */
  static JsonNode run(Path config, Path work, int exitCode, List<String> tables) throws Exception {
    Files.createDirectories(work);
    Path report = work.resolve("report.json");
    List<String> args =
        new ArrayList<>(List.of("--config", config.toString(), "--report", report.toString()));
    if (!tables.isEmpty()) {
      args.addAll(List.of("--tables", String.join(",", tables)));
    }
    try (ChildJvm spark =
        ChildJvm.start(
            SparkJobs.spec("nightly", SparkJobs.NIGHTLY, args, work.resolve("nightly.log")))) {
      OptionalInt exit = spark.waitFor(Duration.ofMinutes(10));
      assertThat(exit).as("nightly job exit code; log:%n%s", spark.logTail(80)).hasValue(exitCode);
    }
    return JSON.readTree(report.toFile());
  }

  /** How the step {@code step} ended on {@code table} in the report. */
  static String status(JsonNode report, String table, String step) {
    for (JsonNode node : report.get("steps")) {
      if (node.get("table").asText().equals(table) && node.get("step").asText().equals(step)) {
        return node.get("status").asText();
      }
    }
    throw new AssertionError("no step " + step + " for " + table);
  }
}
