package dev.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakehouse demo} as a newcomer runs it, in its own JVM, on a small dataset: exit code 0,
 * the report on the console, then the nightly run's, and no component's log line there; the
 * broker's, the app's and the stack's lines in the log file the demo names, Spark's in its own.
 */
class DemoCommandIT {
  /**
   * A line as the default Log4j configuration prints it on the console: {@code 12:34:56.789 WARN
   * Logger - …}.
   */
  private static final Pattern LOG_LINE =
      Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO|WARN|ERROR) ");

  @TempDir Path work;

  @Test
  void theConsoleHoldsProgressAndTheReportAndTheLogsGoToAFile() throws Exception {
    Path dataDir = work.resolve("demo");
    LakehouseHome home = LakehouseHome.fromEnvironment();
    Path console = work.resolve("console.txt");
    OptionalInt exit;
    try (ChildJvm demo =
        ChildJvm.start(
            new ChildJvm.Spec(
                "lakehouse demo",
                home.moduleClasspath("cli"),
                List.of("-Xmx1g", "-XX:G1HeapRegionSize=4m", "-Dlakehouse.home=" + home.root()),
                LakehouseCli.class.getName(),
                List.of(
                    "demo",
                    "--data-dir",
                    dataDir.toString(),
                    "--orders",
                    "400",
                    "--live-seconds",
                    "3",
                    "--live-rate",
                    "20"),
                console))) {
      exit = demo.waitFor(Duration.ofMinutes(8));
      assertThat(exit)
          .as("the demo ended within 8 minutes; console:%n%s", demo.logTail(60))
          .isPresent();
    }
    List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
    String text = String.join("\n", lines);
    assertThat(exit).as("exit code; console:%n%s", text).hasValue(0);
    assertThat(text)
        .contains("every source record landed exactly once")
        .contains("raw.order")
        .contains("trusted.order")
        // it ends with a nightly run beside the app, which loses and doubles nothing
        .contains("nightly    exit code 0")
        .contains("step(s) did their work")
        .containsPattern(
            "validation: \\d+ check\\(s\\), \\d+ passed, \\d+ warning\\(s\\), 0 error\\(s\\)")
        .contains("every trusted table holds only its current rows");
    assertThat(lines.stream().filter(line -> LOG_LINE.matcher(line).find()))
        .as("log lines on the console")
        .isEmpty();
    Path log = dataDir.resolve("logs").resolve(DemoCommand.LOG_FILE);
    assertThat(text).contains(log.toString());
    String components = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(components)
        .as("the stack's, the broker's and the app's lines in %s", log)
        .contains("Kafka broker (KRaft")
        .contains("streams app lakehouse-demo started")
        .contains("local stack stopped");
    assertThat(Files.readString(dataDir.resolve("logs").resolve("nightly.log")))
        .as("Spark's log")
        .contains("nightly run");
  }
}
