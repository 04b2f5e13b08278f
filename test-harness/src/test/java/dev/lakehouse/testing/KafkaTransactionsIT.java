package dev.lakehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.settings.LakehouseSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker of the local stack runs real transactions: aborted records stay invisible to
 * read_committed.
 */
@WithLocalStack
class KafkaTransactionsIT {

  @Test
  void readCommittedConsumerSeesCommittedTransactionsOnly(LakehouseSettings settings)
      throws Exception {
    String topic = "it.transactions." + UUID.randomUUID();
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", settings.kafka().bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
    try (KafkaProducer<String, String> producer = transactionalProducer(settings)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 100; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "committed-" + i));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "aborted-" + i));
      }
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "last", "committed-last"));
      producer.commitTransaction();
    }

    List<String> committedView = readAll(settings, topic, "read_committed", 101);
    assertThat(committedView)
        .hasSize(101)
        .noneMatch(v -> v.startsWith("aborted-"))
        .contains("committed-last");
    assertThat(Set.copyOf(committedView)).hasSize(101);

    List<String> uncommittedView = readAll(settings, topic, "read_uncommitted", 111);
    assertThat(uncommittedView).hasSize(111).filteredOn(v -> v.startsWith("aborted-")).hasSize(10);
  }

  private static KafkaProducer<String, String> transactionalProducer(LakehouseSettings settings) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            settings.kafka().bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "it-" + UUID.randomUUID(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new StringSerializer());
  }

  /**
   * Reads until {@code expected} records arrived, then polls a little longer to catch any extra
   * one.
   */
  private static List<String> readAll(
      LakehouseSettings settings, String topic, String isolation, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int emptyPollsAfterExpected = 0;
      while (System.nanoTime() < deadline && emptyPollsAfterExpected < 3) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, String> record : records) {
          values.add(record.value());
        }
        if (values.size() >= expected && records.isEmpty()) {
          emptyPollsAfterExpected++;
        }
      }
    }
    return values;
  }
}
