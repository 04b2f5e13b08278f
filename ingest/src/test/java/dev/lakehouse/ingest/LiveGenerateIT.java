package dev.lakehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.testing.TopicReader;
import dev.lakehouse.testing.WithLocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code lakehouse generate --live} into the real broker: orders and their transitions, as they
 * happen.
 */
@WithLocalStack
class LiveGenerateIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void liveOrdersAndTheirStatusesReachTheSourceTopicsWithFreshTimestamps(LocalStack stack)
      throws Exception {
    Instant started = Instant.now();
    int exit =
        new CommandLine(new GenerateCommand())
            .execute(
                "--live",
                "--rate",
                "100",
                "--max-orders",
                "200",
                "--status-max-delay",
                "2",
                "--seed",
                "5",
                "--config",
                stack.config().settingsFile().toString());
    assertThat(exit).isZero();

    List<ConsumerRecord<byte[], byte[]>> orders = readLive(stack, Dataset.ORDER.topic(), started);
    List<ConsumerRecord<byte[], byte[]>> statuses =
        readLive(stack, Dataset.ORDER_STATUS.topic(), started);
    assertThat(orders).hasSize(200);
    Set<String> orderIds = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : orders) {
      JsonNode order = JSON.readTree(record.value());
      assertThat(new String(record.key(), StandardCharsets.UTF_8))
          .isEqualTo(order.get("order_id").asText());
      Instant created = Instant.parse(order.get("order_created_at").asText());
      assertThat(created).as("created now, not in 2019").isAfter(started.minusSeconds(5));
      assertThat(Instant.ofEpochMilli(record.timestamp()))
          .isAfterOrEqualTo(created.minusSeconds(1));
      orderIds.add(order.get("order_id").asText());
    }
    Set<String> registered = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : statuses) {
      JsonNode status = JSON.readTree(record.value());
      if (status.get("value").asText().equals("REGISTERED")) {
        registered.add(status.get("order_id").asText());
      }
    }
    assertThat(registered).containsAll(orderIds);
    assertThat(statuses.size()).isGreaterThan(2 * orders.size());
  }

  private static List<ConsumerRecord<byte[], byte[]>> readLive(
      LocalStack stack, String topic, Instant since) {
    return TopicReader.readCommitted(stack.settings().kafka().bootstrapServers(), List.of(topic))
        .stream()
        .filter(
            r ->
                new String(
                        r.headers().lastHeader("lakehouse.source.uri").value(),
                        StandardCharsets.UTF_8)
                    .startsWith("live://"))
        .filter(r -> r.timestamp() >= since.toEpochMilli())
        .toList();
  }
}
