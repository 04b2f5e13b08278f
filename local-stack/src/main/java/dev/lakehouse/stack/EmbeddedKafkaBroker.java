package dev.lakehouse.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one), in this
 * JVM. Its log directory is formatted once and survives restarts. Internal topics have replication
 * factor 1.
 */
final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  static EmbeddedKafkaBroker start(StackConfig config) throws Exception {
    Path logDir = config.kafkaDir();
    Files.createDirectories(logDir);
    Properties props = brokerProperties(config, logDir);
    KafkaConfig kafkaConfig = KafkaConfig.fromProps(props, false);
    formatIfNew(logDir);
    KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
    server.startup();
    String bootstrap = config.host() + ":" + config.kafkaPort();
    LOG.info(
        "Kafka broker (KRaft, node {}) listening on {}, data in {}", NODE_ID, bootstrap, logDir);
    return new EmbeddedKafkaBroker(server, bootstrap);
  }

  static Properties brokerProperties(StackConfig config, Path logDir) {
    String host = config.host();
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + config.controllerPort());
    p.setProperty(
        "listeners",
        "PLAINTEXT://"
            + host
            + ":"
            + config.kafkaPort()
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + config.controllerPort());
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + config.kafkaPort());
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    p.setProperty(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toString());
    // one node: every internal topic has a single replica
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "10");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "10");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // topics are created deliberately, with their partition counts, by whoever owns them
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("log.retention.hours", "-1");
    p.setProperty("log.segment.bytes", Integer.toString(256 * 1024 * 1024));
    return p;
  }

  private static void formatIfNew(Path logDir) throws Exception {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    String clusterId = Uuid.randomUuid().toString();
    new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setClusterId(clusterId)
        .setNodeId(NODE_ID)
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setMetadataLogDirectory(logDir.toString())
        .setDirectories(List.of(logDir.toString()))
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setIgnoreFormatted(true)
        .run();
    LOG.info("formatted Kafka storage {} for cluster {}", logDir, clusterId);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker stopped");
  }
}
