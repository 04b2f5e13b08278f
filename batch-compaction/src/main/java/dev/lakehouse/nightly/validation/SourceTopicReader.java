package dev.lakehouse.nightly.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a source topic's committed records, offsets and timestamps only, up to where the Streams
 * app has committed its progress (its consumer group is its application id): every record before
 * that point has become a row or a dead letter in the app's Kafka transaction. Records from {@code
 * settledBefore} on are left out, with everything after them, since the writer may still be
 * committing them.
 */
final class SourceTopicReader {
  /** Give up on a partition that makes no progress for this long. */
  private static final Duration STALL = Duration.ofSeconds(60);

  private SourceTopicReader() {}

  static List<SourceRange> read(
      String bootstrapServers, String topic, String applicationId, Instant settledBefore)
      throws InterruptedException, ExecutionException, TimeoutException {
    Properties common = new Properties();
    common.put("bootstrap.servers", bootstrapServers);
    common.put("client.id", "lakehouse-nightly-validation");
    List<TopicPartition> partitions = new ArrayList<>();
    Map<TopicPartition, Long> committed = new HashMap<>();
    try (Admin admin = Admin.create(common)) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      description
          .partitions()
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(applicationId)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      offsets.forEach(
          (tp, offset) -> {
            if (offset != null && tp.topic().equals(topic)) {
              committed.put(tp, offset.offset());
            }
          });
    }
    Properties props = new Properties();
    props.putAll(common);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    long settled = settledBefore.toEpochMilli();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.assign(partitions);
      Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> to = new HashMap<>();
      Map<TopicPartition, BitSet> seen = new HashMap<>();
      Map<TopicPartition, Long> counts = new HashMap<>();
      Set<TopicPartition> open = new HashSet<>();
      for (TopicPartition tp : partitions) {
        long from = beginning.get(tp);
        to.put(tp, Math.max(from, committed.getOrDefault(tp, from)));
        seen.put(tp, new BitSet());
        counts.put(tp, 0L);
        if (to.get(tp) > from) {
          open.add(tp);
        }
      }
      consumer.seekToBeginning(partitions);
      consumer.pause(partitions.stream().filter(tp -> !open.contains(tp)).toList());
      long lastProgress = System.nanoTime();
      while (!open.isEmpty()) {
        boolean progressed = false;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (!open.contains(tp) || record.offset() >= to.get(tp)) {
            continue;
          }
          progressed = true;
          if (record.timestamp() >= settled) {
            to.put(tp, record.offset()); // this record and what follows have not settled
            continue;
          }
          seen.get(tp).set((int) (record.offset() - beginning.get(tp)));
          counts.merge(tp, 1L, Long::sum);
        }
        for (TopicPartition tp : List.copyOf(open)) {
          if (consumer.position(tp) >= to.get(tp)) {
            open.remove(tp);
            consumer.pause(List.of(tp));
          }
        }
        if (progressed) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
          for (TopicPartition tp : open) {
            to.put(tp, consumer.position(tp)); // what was read is what is compared
          }
          open.clear();
        }
      }
      List<SourceRange> ranges = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        ranges.add(
            new SourceRange(
                tp.partition(), beginning.get(tp), to.get(tp), counts.get(tp), seen.get(tp)));
      }
      return ranges;
    }
  }
}
