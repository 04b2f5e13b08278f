package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.process.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The halt backstop: a failed app whose close hangs, in a JVM whose shutdown hook hangs too, still
 * ends with exit code 1, by the halt {@link ExitPolicy#FAILED_HALT} after the failure. Without the
 * backstop the process would stay up for ever; the bound is only there to end the test if it did.
 */
class AppProcessHaltIT {
  private static final Duration BOUND = Duration.ofMinutes(2);

  @Test
  void aHungCloseAndAHungShutdownHookCannotKeepAFailedProcessUp(@TempDir Path work)
      throws Exception {
    List<Path> classpath =
        java.util.Arrays.stream(
                System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .map(Path::of)
            .toList();
    try (ChildJvm app =
        ChildJvm.start(
            new ChildJvm.Spec(
                "hanging-close",
                classpath,
                List.of("-Xmx128m"),
                HangingCloseMain.class.getName(),
                List.of(),
                work.resolve("hanging-close.log")))) {
      OptionalInt code = app.waitFor(BOUND);
      assertThat(code).as("the process ended; log:%n%s", app.logTail(40)).isPresent();
      assertThat(code.getAsInt())
          .as("exit code; log:%n%s", app.logTail(40))
          .isEqualTo(ExitPolicy.FAILED);
      assertThat(app.logTail(40))
          .contains("close hangs")
          .contains("halting with " + ExitPolicy.FAILED);
    }
  }
}
