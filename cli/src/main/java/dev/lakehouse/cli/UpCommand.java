package dev.lakehouse.cli;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.stack.StackStartException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the local stack and stays in the foreground until Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Start the local stack on loopback: a Kafka broker (KRaft), an S3 server (s3proxy) and an "
            + "Iceberg JDBC catalog on SQLite, and with --with-trino a Trino server over the lake. "
            + "State survives restarts. Ctrl-C stops everything.")
final class UpCommand implements Callable<Integer> {
  @Mixin DataDirOption dataDir = new DataDirOption();

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "" + StackConfig.DEFAULT_KAFKA_PORT,
      description = "Kafka broker port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      paramLabel = "PORT",
      defaultValue = "" + StackConfig.DEFAULT_CONTROLLER_PORT,
      description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(
      names = "--s3-port",
      paramLabel = "PORT",
      defaultValue = "" + StackConfig.DEFAULT_S3_PORT,
      description = "S3 API port (default: ${DEFAULT-VALUE}).")
  int s3Port;

  @Option(
      names = "--with-trino",
      description =
          "Also run Trino (the local stand-in for Athena) over the lake, for ./lakehouse sql and any"
              + " Trino client (see docs/query.md).")
  boolean withTrino;

  @Option(
      names = "--trino-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Trino's port with --with-trino (default: ${DEFAULT-VALUE}).")
  int trinoPort;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = dataDir.resolve();
    StackPidFile pidFile = new StackPidFile(StackConfig.defaults(dir).pidFile());
    OptionalLong owner = pidFile.liveOwner();
    if (owner.isPresent()) {
      System.err.println(
          "lakehouse up: a local stack already runs on "
              + dir
              + " (pid "
              + owner.getAsLong()
              + ")");
      return 1;
    }
    StackConfig config;
    try {
      config = StackConfig.defaults(dir).withPorts(kafkaPort, controllerPort, s3Port);
    } catch (IllegalArgumentException e) {
      System.err.println("lakehouse up: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    LocalStack stack;
    try {
      stack = LocalStack.start(config, LakehouseHome.fromEnvironment());
    } catch (StackStartException e) {
      System.err.println("lakehouse up: " + e.getMessage());
      return 1;
    }
    pidFile.claim();
    LocalTrino trino = null;
    if (withTrino) {
      try {
        trino =
            LocalTrino.start(
                stack.settings(), config.logDir().resolve("trino"), trinoPort, Optional.of(dir));
      } catch (IOException | RuntimeException e) {
        System.err.println("lakehouse up: Trino could not start: " + e.getMessage());
        stack.close();
        pidFile.release();
        return 1;
      }
    }
    LocalTrino startedTrino = trino;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("stopping the local stack…");
                  if (startedTrino != null) {
                    startedTrino.close();
                  }
                  stack.close();
                  pidFile.release();
                  stopped.countDown();
                },
                "lakehouse-shutdown"));

    LakehouseSettings settings = stack.settings();
    out.println("kafka     " + settings.kafka().bootstrapServers());
    out.println(
        "s3        "
            + settings.s3().endpoint().orElseThrow()
            + "  bucket "
            + settings.s3().bucket()
            + "  (s3proxy pid "
            + stack.s3ServerPid()
            + ")");
    out.println(
        "catalog   "
            + settings.catalog().name()
            + "  "
            + settings.catalog().uri().orElseThrow()
            + "  warehouse "
            + settings.catalog().warehouse());
    out.println(
        "settings  "
            + config.settingsFile()
            + "  (read by every lakehouse process; holds the local S3 keys)");
    if (startedTrino != null) {
      out.println(
          "trino     "
              + startedTrino.uri()
              + "  catalog awsdatacatalog  (pid "
              + startedTrino.pid()
              + "; ./lakehouse sql uses it; log "
              + startedTrino.log()
              + ")");
    }
    out.printf(
        "lakehouse local stack ready in %.1f s (Ctrl-C to stop)%n",
        (System.nanoTime() - started) / 1e9);
    out.flush();
    stopped.await();
    return 0;
  }
}
