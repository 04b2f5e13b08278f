package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.StackConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The local stack as a child process ({@link StackMain}), which a test can SIGKILL as a whole: the
 * broker dies without a shutdown (its logs and transaction state recovered at the next start), and
 * the S3 server with it. Started again on the same ports and data directory.
 */
public final class ChildStack implements AutoCloseable {
  private static final Duration READY_BOUND = Duration.ofMinutes(3);

  private final StackConfig config;
  private final Path logDir;
  private ChildJvm jvm;
  private int starts;

  private ChildStack(StackConfig config, Path logDir) {
    this.config = config;
    this.logDir = logDir;
  }

  public static ChildStack start(StackConfig config, Path logDir) throws Exception {
    ChildStack stack = new ChildStack(config, logDir);
    stack.launch();
    return stack;
  }

  public StackConfig config() {
    return config;
  }

  public LakehouseSettings settings() {
    return LakehouseSettings.load(config.settingsFile());
  }

  long pid() {
    return jvm.pid();
  }

  /** SIGKILL: no shutdown of any kind; returns when the process is gone. */
  void kill() throws InterruptedException {
    ProcessHandle.of(jvm.pid()).ifPresent(ProcessHandle::destroyForcibly);
    assertThat(jvm.waitFor(Duration.ofSeconds(30))).as("the killed stack is gone").isPresent();
  }

  /** Starts the stack again on the same ports and data directory; returns when it is ready. */
  void restart() throws Exception {
    launch();
  }

  private void launch() throws Exception {
    // ChildJvm appends: a log an earlier build left would show a stale ready line
    Path log = logDir.resolve("stack-" + starts + ".log");
    Files.deleteIfExists(log);
    List<Path> classpath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .toList();
    jvm =
        ChildJvm.start(
            new ChildJvm.Spec(
                "stack-" + starts,
                classpath,
                List.of("-Xmx768m", "-Dlakehouse.home=" + LakehouseHome.fromEnvironment().root()),
                StackMain.class.getName(),
                List.of(
                    config.dataDir().toString(),
                    config.host(),
                    Integer.toString(config.kafkaPort()),
                    Integer.toString(config.controllerPort()),
                    Integer.toString(config.s3Port()),
                    config.bucket(),
                    config.catalogName()),
                log));
    starts++;
    long deadline = System.nanoTime() + READY_BOUND.toNanos();
    while (!jvm.logTail(200).contains(StackMain.READY)) {
      assertThat(jvm.isAlive())
          .as("the stack ended while starting; log:%n%s", jvm.logTail(60))
          .isTrue();
      assertThat(System.nanoTime())
          .as("the stack was not ready within %s; log:%n%s", READY_BOUND, jvm.logTail(60))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @Override
  public void close() throws IOException {
    if (jvm != null) {
      jvm.close();
    }
  }
}
