package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stopped app says so: the Streams app as a child JVM (its production entry point, {@code
 * StreamsCommand}), each test on a local stack of its own, because the faults break it.
 *
 * <ul>
 *   <li>a topology fault: a source topic is deleted under the running app; Kafka Streams hands the
 *       {@code MissingSourceTopicException} to the uncaught exception handler;
 *   <li>a writer fault: the S3 server is killed while live orders flow; the writer's next write
 *       fails once the S3 client's retries are spent;
 *   <li>SIGTERM: a graceful stop.
 * </ul>
 *
 * Each fault must turn {@code /health/live} to 503 and end the process with exit code 1; SIGTERM
 * ends it with 143. The bounds (60 s) are generous, so that they hold on a slow machine; the times
 * measured are printed. Once the process has decided to exit (it logs what {@code /health/live}
 * answers), it must be gone within the halt backstop's delay plus a 20 s margin: a close that hung
 * would keep it up.
 */
class StreamsAppExitIT {
  private static final Duration BOUND = Duration.ofSeconds(60);

  /**
   * Added to the halt backstop's delay for the JVM to end and the test to notice, on the slowest
   * machine.
   */
  private static final Duration DECISION_MARGIN = Duration.ofSeconds(20);

  private static final Duration READY_BOUND = Duration.ofMinutes(3);
  private static final Pattern PORT_LINE =
      Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics");
  private static final Path LOGS = Path.of("target", "exit-it-logs");

  @Test
  void aTopologyFaultEndsTheProcessWithOne(@TempDir Path work) throws Exception {
    try (LocalStack stack = startStack(work)) {
      String appId = "exit-it-topology-" + UUID.randomUUID();
      ChildJvm app = startApp(stack, work, appId);
      try (Admin admin =
          Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
        int port = awaitReady(app);
        long fault = System.nanoTime();
        admin.deleteTopics(List.of(Dataset.RESTAURANT.topic())).all().get(30, TimeUnit.SECONDS);
        Ending ending = watchUntilExit(app, port, fault);
        System.out.printf(
            "StreamsAppExitIT topology fault: /health/live 503 after %d ms (\"%s\"), exit %d after %d ms%n",
            ending.unhealthyMillis(),
            ending.unhealthyBody(),
            ending.exitCode(),
            ending.exitMillis());
        assertThat(ending.exitCode())
            .as("exit code; log:%n%s", app.logTail(40))
            .isEqualTo(ExitPolicy.FAILED);
        assertLiveFailingAtExit(app, "topology");
        assertThat(app.logTail(400)).contains("MissingSourceTopicException");
      } finally {
        app.close();
      }
    }
  }

  @Test
  void aWriterFaultEndsTheProcessWithOne(@TempDir Path work) throws Exception {
    try (LocalStack stack = startStack(work)) {
      String appId = "exit-it-writer-" + UUID.randomUUID();
      ChildJvm app = startApp(stack, work, appId);
      LiveLoad live = null;
      try {
        int port = awaitReady(app);
        live =
            LiveLoad.start(
                stack.settings().kafka().bootstrapServers(), 20261206L, 20, "file:///exit-it/live");
        long fault = System.nanoTime();
        ProcessHandle.of(stack.s3ServerPid()).ifPresent(ProcessHandle::destroyForcibly);
        Ending ending = watchUntilExit(app, port, fault);
        System.out.printf(
            "StreamsAppExitIT writer fault: /health/live 503 after %d ms (\"%s\"), exit %d after %d ms%n",
            ending.unhealthyMillis(),
            ending.unhealthyBody(),
            ending.exitCode(),
            ending.exitMillis());
        assertThat(ending.exitCode())
            .as("exit code; log:%n%s", app.logTail(40))
            .isEqualTo(ExitPolicy.FAILED);
        assertLiveFailingAtExit(app, "writer");
      } finally {
        if (live != null) {
          live.stop();
        }
        app.close();
      }
    }
  }

  @Test
  void sigtermStopsItGracefullyWith143(@TempDir Path work) throws Exception {
    try (LocalStack stack = startStack(work)) {
      ChildJvm app = startApp(stack, work, "exit-it-sigterm-" + UUID.randomUUID());
      try {
        awaitReady(app);
        long signal = System.nanoTime();
        ProcessHandle.of(app.pid()).ifPresent(ProcessHandle::destroy);
        OptionalInt code = app.waitFor(BOUND);
        System.out.printf(
            "StreamsAppExitIT SIGTERM: exit %s after %d ms%n",
            code, (System.nanoTime() - signal) / 1_000_000);
        assertThat(code).as("exit code; log:%n%s", app.logTail(40)).hasValue(ExitPolicy.TERMINATED);
        assertThat(app.logTail(60)).contains("stopping on a signal");
      } finally {
        app.close();
      }
    }
  }

  private static LocalStack startStack(Path work) {
    return LocalStack.start(
        StackConfig.withFreePorts(work.resolve("stack")), LakehouseHome.fromEnvironment());
  }

  private static ChildJvm startApp(LocalStack stack, Path work, String appId) throws IOException {
    Path config = work.resolve("lakehouse.properties");
    stack.settings().write(config);
    Files.writeString(
        config, "streams.commit-interval=1s\ntrusted.enabled=false\n", StandardOpenOption.APPEND);
    return CrashSupport.startApp(
        config, appId, work.resolve("state"), LOGS.resolve(appId + ".log"));
  }

  /** Waits for /health/ready; returns the app's HTTP port, read from its start line. */
  private static int awaitReady(ChildJvm app) throws Exception {
    long deadline = System.nanoTime() + READY_BOUND.toNanos();
    int port = -1;
    while (System.nanoTime() < deadline) {
      assertThat(app.isAlive())
          .as("the app ended during start-up; log:%n%s", app.logTail(40))
          .isTrue();
      if (port < 0) {
        Matcher m = PORT_LINE.matcher(Files.readString(app.logFile(), StandardCharsets.UTF_8));
        port = m.find() ? Integer.parseInt(m.group(1)) : -1;
      }
      if (port > 0 && get(port, "/health/ready").startsWith("HTTP/1.1 200")) {
        assertThat(get(port, "/health/live")).startsWith("HTTP/1.1 200");
        return port;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the app was not ready within " + READY_BOUND + "; log:\n" + app.logTail(40));
  }

  /**
   * The process logs what {@code /health/live} answered as it decided to exit: that answer,
   * computed by the same check the endpoint serves, must be a 503 naming the failed half. (The
   * probe's own 503 is only printed: how soon a poll catches it before the exit depends on the
   * machine's speed.)
   */
  private static void assertLiveFailingAtExit(ChildJvm app, String failedHalf) {
    String log = app.logTail(400);
    String line =
        log.lines()
            .filter(l -> l.contains("/health/live answers"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no /health/live line at the exit; log:\n" + log));
    assertThat(line)
        .contains("/health/live answers 503")
        .contains(failedHalf)
        .contains("the process exits with " + ExitPolicy.FAILED);
  }

  record Ending(int exitCode, long exitMillis, String unhealthyBody, long unhealthyMillis) {}

  /**
   * Asks /health/live over and over from the fault on, until the process ends: the first 503's body
   * and when it came, and the exit code. A 200 after a 503 fails the test.
   */
  private static Ending watchUntilExit(ChildJvm app, int port, long faultNanos)
      throws InterruptedException {
    long deadline = faultNanos + BOUND.toNanos();
    String unhealthy = null;
    long unhealthyAt = -1;
    long decidedAt = -1;
    for (int poll = 0; app.isAlive() && System.nanoTime() < deadline; poll++) {
      if (decidedAt < 0 && poll % 20 == 0 && app.logTail(400).contains("/health/live answers")) {
        decidedAt = System.nanoTime();
      }
      String answer = get(port, "/health/live");
      if (answer.startsWith("HTTP/1.1 503") && unhealthy == null) {
        unhealthy = answer.substring(answer.lastIndexOf("\r\n\r\n") + 4).trim();
        unhealthyAt = System.nanoTime();
      }
      assertThat(unhealthy != null && answer.startsWith("HTTP/1.1 200"))
          .as("healthy again after: %s", unhealthy)
          .isFalse();
      Thread.sleep(5);
    }
    OptionalInt code = app.waitFor(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    assertThat(code)
        .as("the process ended within %s of the fault; log:%n%s", BOUND, app.logTail(40))
        .isPresent();
    long exitedAt = System.nanoTime();
    long exitMillis = (exitedAt - faultNanos) / 1_000_000;
    // from the decision to exit (the logged line) the close is bounded and the halt backstop fires
    // at FAILED_HALT:
    // the process is gone within that and a margin however slow the machine; a close that hangs
    // would miss it
    long afterDecision = decidedAt < 0 ? 0 : exitedAt - decidedAt;
    assertThat(Duration.ofNanos(afterDecision))
        .as("from the decision to exit to the process's end; log:%n%s", app.logTail(40))
        .isLessThanOrEqualTo(ExitPolicy.FAILED_HALT.plus(DECISION_MARGIN));
    return new Ending(
        code.getAsInt(),
        exitMillis,
        unhealthy == null ? "(no 503 seen)" : unhealthy,
        unhealthyAt < 0 ? -1 : (unhealthyAt - faultNanos) / 1_000_000);
  }

  /** The raw answer, or "" when the port does not answer (the process is going). */
  private static String get(int port, String path) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
