package dev.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.S3Clients;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.ComponentHealth;
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.stack.StackHealth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code lakehouse up} as a user runs it, in its own JVM: ready line, healthy components, a clear
 * error for a taken port or a second stack, no orphan s3proxy after SIGKILL, state that survives a
 * restart, and a clean stop on SIGTERM (what Ctrl-C sends through the shell is SIGINT; both run the
 * same hook).
 */
class UpCommandIT {
  private static final String READY = "lakehouse local stack ready";

  @TempDir Path work;

  @Test
  void lifecycle() throws Exception {
    Path dataDir = work.resolve("data");
    StackConfig ports = StackConfig.withFreePorts(dataDir);

    ChildJvm first = startUp(ports, "up-1.log");
    awaitLine(first, READY);
    LakehouseSettings settings = LakehouseSettings.load(ports.settingsFile());
    assertThat(StackHealth.check(settings)).allMatch(ComponentHealth::healthy, "healthy");
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", settings.kafka().bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("survives-restart", 2, (short) 1))).all().get();
    }
    try (S3Client s3 = S3Clients.forSettings(settings.s3())) {
      s3.putObject(
          b -> b.bucket(settings.s3().bucket()).key("marker.txt"), RequestBody.fromString("kept"));
    }
    ProcessHandle s3proxy = s3ProxyUnder(first.pid());

    // a second stack on the same data directory is refused, and so is a taken port
    ChildJvm sameDir = startUp(ports, "up-same-dir.log");
    assertThat(sameDir.waitFor(Duration.ofSeconds(60))).hasValue(1);
    assertThat(Files.readString(sameDir.logFile())).contains("already runs on " + dataDir);
    ChildJvm takenPort =
        startUp(
            new StackConfig(
                work.resolve("other"),
                "127.0.0.1",
                ports.kafkaPort(),
                StackConfig.withFreePorts(work).controllerPort(),
                StackConfig.withFreePorts(work).s3Port(),
                "lakehouse",
                "lakehouse"),
            "up-taken-port.log");
    assertThat(takenPort.waitFor(Duration.ofSeconds(60))).hasValue(1);
    assertThat(Files.readString(takenPort.logFile()))
        .contains("port " + ports.kafkaPort() + " on 127.0.0.1 (Kafka broker) is already in use")
        .contains("--kafka-port");

    // SIGKILL the stack: its s3proxy child must not outlive it
    ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
    assertThat(first.waitFor(Duration.ofSeconds(30))).isPresent();
    assertThat(s3proxy.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();

    // restart on the same directory and ports: the topic and the object are still there
    ChildJvm second = startUp(ports, "up-2.log");
    awaitLine(second, READY);
    LakehouseSettings again = LakehouseSettings.load(ports.settingsFile());
    assertThat(again.s3().secretAccessKey())
        .as("local keys are kept across restarts")
        .isEqualTo(settings.s3().secretAccessKey());
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", again.kafka().bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).contains("survives-restart");
    }
    try (S3Client s3 = S3Clients.forSettings(again.s3())) {
      assertThat(
              s3.getObjectAsBytes(b -> b.bucket(again.s3().bucket()).key("marker.txt"))
                  .asUtf8String())
          .isEqualTo("kept");
    }
    ProcessHandle secondS3proxy = s3ProxyUnder(second.pid());

    // SIGTERM: the shutdown hook stops the broker and s3proxy and releases the data directory
    second.close();
    assertThat(secondS3proxy.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS).isAlive())
        .isFalse();
    assertThat(Files.readString(second.logFile())).contains("local stack stopped");
    assertThat(ports.pidFile()).doesNotExist();
  }

  @Test
  void withTrinoTheSqlCommandUsesItAndNoTrinoOutlivesTheStack() throws Exception {
    Path dataDir = work.resolve("trino-data");
    StackConfig ports = StackConfig.withFreePorts(dataDir);
    int trinoPort = StackConfig.withFreePorts(work).s3Port();
    ChildJvm up = startUp(ports, "up-trino.log", "--with-trino", "--trino-port", "" + trinoPort);
    awaitLine(up, READY);
    assertThat(Files.readString(up.logFile()))
        .contains("trino     http://127.0.0.1:" + trinoPort + "  catalog awsdatacatalog");
    assertThat(dataDir.resolve(LocalTrino.URL_FILE)).exists();
    java.util.regex.Matcher trinoPid =
        java.util.regex.Pattern.compile("catalog awsdatacatalog  \\(pid (\\d+);")
            .matcher(Files.readString(up.logFile()));
    assertThat(trinoPid.find()).as("Trino's pid in the ready lines").isTrue();
    ProcessHandle trino = ProcessHandle.of(Long.parseLong(trinoPid.group(1))).orElseThrow();
    assertThat(ProcessHandle.of(up.pid()).orElseThrow().descendants().map(ProcessHandle::pid))
        .as("Trino runs under the stack's process")
        .contains(trino.pid());

    // a query through the running Trino, as CSV: no second Trino is started for it
    ChildJvm sql =
        cli(
            "sql.log",
            "sql",
            "--data-dir",
            dataDir.toString(),
            "--format",
            "csv",
            "SELECT 6 * 7 AS answer, 'awsdatacatalog' AS catalog_name");
    assertThat(sql.waitFor(Duration.ofMinutes(2))).as(sql.logTail(40)).hasValue(0);
    assertThat(Files.readString(sql.logFile()))
        .contains("answer,catalog_name\r\n42,awsdatacatalog\r\n")
        .doesNotContain("starting Trino for this query");
    ChildJvm bad = cli("sql-bad.log", "sql", "--data-dir", dataDir.toString(), "SELECT nope");
    assertThat(bad.waitFor(Duration.ofMinutes(2))).hasValue(1);
    assertThat(Files.readString(bad.logFile())).contains("Column 'nope' cannot be resolved");

    // SIGKILL the stack: its Trino must not outlive it
    ProcessHandle.of(up.pid()).orElseThrow().destroyForcibly();
    assertThat(up.waitFor(Duration.ofSeconds(30))).isPresent();
    assertThat(trino.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
  }

  private ChildJvm cli(String logName, String... args) throws IOException {
    LakehouseHome home = LakehouseHome.fromEnvironment();
    return ChildJvm.start(
        new ChildJvm.Spec(
            "lakehouse " + args[0],
            home.moduleClasspath("cli"),
            List.of("-Xmx512m", "-Dlakehouse.home=" + home.root()),
            LakehouseCli.class.getName(),
            List.of(args),
            work.resolve(logName)));
  }

  private ChildJvm startUp(StackConfig config, String logName, String... more) throws IOException {
    LakehouseHome home = LakehouseHome.fromEnvironment();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "up",
                "--data-dir",
                config.dataDir().toString(),
                "--kafka-port",
                Integer.toString(config.kafkaPort()),
                "--controller-port",
                Integer.toString(config.controllerPort()),
                "--s3-port",
                Integer.toString(config.s3Port())));
    args.addAll(List.of(more));
    return ChildJvm.start(
        new ChildJvm.Spec(
            "lakehouse up",
            home.moduleClasspath("cli"),
            List.of("-Xmx1g", "-Dlakehouse.home=" + home.root()),
            LakehouseCli.class.getName(),
            args,
            work.resolve(logName)));
  }

  private static void awaitLine(ChildJvm process, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(process.logFile())
          && Files.readString(process.logFile(), StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      OptionalInt exit = process.waitFor(Duration.ofMillis(200));
      if (exit.isPresent()) {
        throw new AssertionError(
            "lakehouse up exited with " + exit.getAsInt() + ":\n" + process.logTail(40));
      }
    }
    throw new AssertionError("no '" + line + "' within 120 s:\n" + process.logTail(40));
  }

  private static ProcessHandle s3ProxyUnder(long pid) {
    return ProcessHandle.of(pid)
        .orElseThrow()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("org.gaul.s3proxy.Main"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no s3proxy child under pid " + pid));
  }
}
