package dev.lakehouse.bench;

import dev.lakehouse.common.contract.Dataset;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the Streams app benchmarks share: the app's JVM options, the read baseline, ports and clocks. */
final class BenchSupport {
  private BenchSupport() {}

  /** -Xmx1g, plus $BENCH_APP_JAVA_OPTS (e.g. a flight recording) when set. */
  static List<String> appJvmOptions() {
    List<String> options = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseG1GC"));
    String extra = System.getenv("BENCH_APP_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    return options;
  }

  /** Reads every source topic to its end with a plain read_committed consumer: records and seconds. */
  static double[] readAll(String bootstrap) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (Dataset dataset : Dataset.values()) {
        consumer.partitionsFor(dataset.topic()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long started = System.nanoTime();
      long records = 0;
      long bytes = 0;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          records++;
          bytes += record.serializedValueSize();
        }
      }
      return new double[] {records, (System.nanoTime() - started) / 1e9, bytes};
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }
}
