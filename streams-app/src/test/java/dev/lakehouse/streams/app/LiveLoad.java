package dev.lakehouse.streams.app;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.ingest.LiveKafkaSink;
import dev.lakehouse.ingest.generate.live.LiveOptions;
import dev.lakehouse.ingest.generate.live.LiveOrderStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Live orders published to the source topics on a thread of their own until {@link #stop()}, under
 * a source URI the test chooses (its landing prefix, so the checks that select rows by prefix count
 * them too).
 *
 * <p>The crash tests run it from their first run to their last kill: however fast the machine is,
 * the app always has records to write when a kill comes, and commits keep coming for the kills that
 * wait for one. Every live record is a good one: the raw tables gain exactly {@link #stop()}'s
 * counts, which are what the source topics hold under the URI (a send that failed while a broker
 * was down is not a source record; one whose acknowledgement was lost may be).
 */
public final class LiveLoad {
  private final LiveOrderStream stream;
  private final CompletableFuture<LiveKafkaSink.Delivery> run;
  private final String bootstrapServers;
  private final String uri;

  private LiveLoad(
      LiveOrderStream stream,
      CompletableFuture<LiveKafkaSink.Delivery> run,
      String bootstrapServers,
      String uri) {
    this.stream = stream;
    this.run = run;
    this.bootstrapServers = bootstrapServers;
    this.uri = uri;
  }

  /**
   * Starts {@code ordersPerSecond} live orders (each with its statuses, and dimensions) with
   * records under {@code uri}.
   */
  public static LiveLoad start(
      String bootstrapServers, long seed, double ordersPerSecond, String uri) {
    LiveOrderStream stream =
        new LiveOrderStream(
            new LiveOptions(seed, ordersPerSecond, 0, Duration.ofSeconds(5)), Clock.systemUTC());
    CompletableFuture<LiveKafkaSink.Delivery> run =
        CompletableFuture.supplyAsync(
            () -> {
              LiveKafkaSink sink =
                  new LiveKafkaSink(bootstrapServers, seed, UUID.randomUUID().toString(), uri);
              try {
                stream.run(sink);
              } catch (Exception e) {
                throw new IllegalStateException("the live load failed: " + e.getMessage(), e);
              } finally {
                sink.close();
              }
              return sink.delivery();
            });
    return new LiveLoad(stream, run, bootstrapServers, uri);
  }

  /** Whether it is still publishing (it stops only when told, or when it failed). */
  public boolean running() {
    return !run.isDone();
  }

  /**
   * Stops it (every send acknowledged or failed) and returns the live records per dataset that the
   * source topics hold.
   */
  public Map<Dataset, Long> stop() throws Exception {
    stream.stop();
    LiveKafkaSink.Delivery delivery = run.get(3, TimeUnit.MINUTES);
    Map<Dataset, Long> inTopics = recordsInTopics();
    long held = inTopics.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "live load: %d records acknowledged, %d sends failed%s; the source topics hold %d%n",
        delivery.acknowledgedTotal(),
        delivery.failed(),
        delivery.failed() > 0 ? " (first: " + delivery.firstFailure() + ")" : "",
        held);
    return inTopics;
  }

  private Map<Dataset, Long> recordsInTopics() {
    byte[] wanted = uri.getBytes(StandardCharsets.UTF_8);
    Map<Dataset, Long> counts = new EnumMap<>(Dataset.class);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      for (Dataset dataset : Dataset.values()) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(dataset.topic())) {
          partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long count = 0;
        Set<String> lines = new HashSet<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
            Header header = record.headers().lastHeader(PipelineHeaders.SOURCE_URI);
            if (header != null && Arrays.equals(header.value(), wanted)) {
              count++;
              Header line = record.headers().lastHeader(PipelineHeaders.SOURCE_LINE);
              lines.add(new String(line.value(), StandardCharsets.UTF_8));
            }
          }
        }
        if (lines.size() != count) {
          System.out.printf(
              "live load: %s holds %d live records but %d distinct lines%n",
              dataset.topic(), count, lines.size());
        }
        counts.put(dataset, count);
      }
    }
    return counts;
  }
}
