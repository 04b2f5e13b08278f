package dev.lakehouse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StackConfigTest {
  private final Path dir = Path.of("/tmp/lakehouse-test");

  @Test
  void defaultsAreTheUsualPortsOnLoopback() {
    StackConfig config = StackConfig.defaults(dir);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.kafkaPort()).isEqualTo(9092);
    assertThat(config.controllerPort()).isEqualTo(9093);
    assertThat(config.s3Port()).isEqualTo(9000);
    assertThat(config.settingsFile()).isEqualTo(dir.resolve("lakehouse.properties"));
  }

  @Test
  void portsMustBeValidAndDistinct() {
    assertThatThrownBy(() -> StackConfig.defaults(dir).withPorts(0, 9093, 9000))
        .hasMessageContaining("Kafka port");
    assertThatThrownBy(() -> StackConfig.defaults(dir).withPorts(9092, 9092, 9000))
        .hasMessageContaining("must differ");
    StackConfig free = StackConfig.withFreePorts(dir);
    assertThat(free.kafkaPort()).isNotEqualTo(free.s3Port()).isNotEqualTo(free.controllerPort());
  }

  @Test
  void aTakenPortNamesTheServerAndTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Ports.requireFree("127.0.0.1", port, "S3 server", "--s3-port"))
          .isInstanceOf(StackStartException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("S3 server")
          .hasMessageContaining("--s3-port");
    }
  }

  @Test
  void brokerIsASingleKraftNodeWithSingleReplicaInternalTopics() {
    StackConfig config = StackConfig.defaults(dir).withPorts(19092, 19093, 19000);
    Properties p = EmbeddedKafkaBroker.brokerProperties(config, dir.resolve("kafka"));
    assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
    assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
    assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
    assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
    assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
    assertThat(p.getProperty("share.coordinator.state.topic.replication.factor")).isEqualTo("1");
  }
}
