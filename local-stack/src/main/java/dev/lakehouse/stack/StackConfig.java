package dev.lakehouse.stack;

import java.nio.file.Path;

/**
 * Where the local stack keeps its state and which loopback ports it listens on. The defaults are
 * the usual ones for each server; all are overridable from the CLI.
 */
public record StackConfig(
    Path dataDir,
    String host,
    int kafkaPort,
    int controllerPort,
    int s3Port,
    String bucket,
    String catalogName) {
  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_CONTROLLER_PORT = 9093;
  public static final int DEFAULT_S3_PORT = 9000;
  public static final String DEFAULT_BUCKET = "lakehouse";
  public static final String DEFAULT_CATALOG = "lakehouse";

  public StackConfig {
    dataDir = dataDir.toAbsolutePath().normalize();
    requirePort(kafkaPort, "Kafka port");
    requirePort(controllerPort, "controller port");
    requirePort(s3Port, "S3 port");
    if (kafkaPort == controllerPort || kafkaPort == s3Port || controllerPort == s3Port) {
      throw new IllegalArgumentException(
          "the Kafka, controller and S3 ports must differ ("
              + kafkaPort
              + ", "
              + controllerPort
              + ", "
              + s3Port
              + ")");
    }
  }

  public static StackConfig defaults(Path dataDir) {
    return new StackConfig(
        dataDir,
        "127.0.0.1",
        DEFAULT_KAFKA_PORT,
        DEFAULT_CONTROLLER_PORT,
        DEFAULT_S3_PORT,
        DEFAULT_BUCKET,
        DEFAULT_CATALOG);
  }

  /**
   * Free ephemeral ports: for tests, which must not collide with a stack a developer is running.
   */
  public static StackConfig withFreePorts(Path dataDir) {
    int[] ports = Ports.freePorts(3);
    return new StackConfig(
        dataDir, "127.0.0.1", ports[0], ports[1], ports[2], DEFAULT_BUCKET, DEFAULT_CATALOG);
  }

  public StackConfig withPorts(int kafka, int controller, int s3) {
    return new StackConfig(dataDir, host, kafka, controller, s3, bucket, catalogName);
  }

  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  public Path s3Dir() {
    return dataDir.resolve("s3");
  }

  public Path catalogDb() {
    return dataDir.resolve("catalog.db");
  }

  public Path logDir() {
    return dataDir.resolve("logs");
  }

  public Path settingsFile() {
    return dataDir.resolve(dev.lakehouse.common.settings.LakehouseSettings.FILE_NAME);
  }

  public Path pidFile() {
    return dataDir.resolve("stack.pid");
  }

  private static void requirePort(int port, String what) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be between 1 and 65535, was " + port);
    }
  }
}
