package dev.lakehouse.bench.compare;

import dev.lakehouse.bench.BenchSupport;
import dev.lakehouse.process.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The limit: {@link LimitWriterMain} as its own JVM (-Xmx1g), timed from its start to its exit. */
final class LimitRunner implements Runner {
  private static final long TARGET_FILE_BYTES = 128L * 1024 * 1024;

  @Override
  public String name() {
    return "limit";
  }

  @Override
  public String description() {
    return "plain consumer → raw rows → parquet-java → S3, no framework, no commits";
  }

  @Override
  public RunResult throughput(RunContext context, int run) throws Exception {
    Path gcLog = context.runDir().resolve("gc.log");
    String prefix =
        context.settings().catalog().warehouse().replaceAll("/+$", "") + "/bench-limit/run-" + run;
    long started = System.nanoTime();
    try (ChildJvm process =
        ChildJvm.start(
            new ChildJvm.Spec(
                "limit-" + run,
                context.home().moduleClasspath("benchmarks"),
                BenchSupport.measuredJvmOptions(ProcessStats.gcLogOption(gcLog)),
                LimitWriterMain.class.getName(),
                List.of(
                    context.settingsFile().toString(), prefix, Long.toString(TARGET_FILE_BYTES)),
                context.runDir().resolve("limit.log")))) {
      OptionalInt exit = process.waitFor(Duration.ofHours(1));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (exit.isEmpty() || exit.getAsInt() != 0) {
        throw new IllegalStateException(
            "the limit runner failed (" + exit + "):\n" + process.logTail(40));
      }
      Map<String, String> result = resultLine(process.logFile());
      long records = Long.parseLong(result.get("records")) + Long.parseLong(result.get("rejected"));
      if (records != context.sourceRecords()) {
        throw new IllegalStateException(
            "the limit runner read "
                + records
                + " records, the topics hold "
                + context.sourceRecords());
      }
      return new RunResult(
          name(),
          run,
          records,
          seconds,
          Long.parseLong(result.get("valueBytes")),
          0,
          Long.parseLong(result.get("files")),
          Long.parseLong(result.get("fileBytes")),
          ProcessStats.peakHeapBytes(gcLog),
          Long.parseLong(result.get("peakRssKb")) * 1024,
          -1);
    }
  }

  private static Map<String, String> resultLine(Path log) throws Exception {
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("limit-result ");
      if (at >= 0) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring(at + "limit-result ".length()).trim().split(" ")) {
          String[] kv = pair.split("=", 2);
          fields.put(kv[0], kv[1]);
        }
        return fields;
      }
    }
    throw new IllegalStateException("no result line in " + log);
  }
}
