package dev.lakehouse.ingest;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.ingest.generate.live.LiveSink;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes live generated records to the source topics as the file ingestor would (same keys,
 * values and headers; the source URI is {@code live://generator/<run-id>} unless given, and the
 * line a running sequence), with an idempotent producer and no batching delay, so that freshness
 * measurements start at the event.
 *
 * <p>Sends are asynchronous: {@link #delivery()}, after {@link #close()}, says how many the broker
 * acknowledged per dataset and how many failed (a broker that stays away past the producer's
 * delivery timeout, or an error it cannot retry). A failed record is not in the topic; callers
 * count what was acknowledged, never what was emitted.
 */
public final class LiveKafkaSink implements LiveSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveKafkaSink.class);

  private final Producer<byte[], byte[]> producer;
  private final String uri;
  private final String runId;
  private final String fingerprint;
  private final Map<Dataset, LongAdder> acknowledged = new EnumMap<>(Dataset.class);
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private long sequence;

  public LiveKafkaSink(String bootstrapServers, long seed, String runId) {
    this(bootstrapServers, seed, runId, "live://generator/" + runId);
  }

  /**
   * A sink whose records name {@code uri} as their source (tests put live records under their own
   * landing prefix).
   */
  public LiveKafkaSink(String bootstrapServers, long seed, String runId, String uri) {
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.uri = uri;
    this.fingerprint = "seed-" + seed;
    this.runId = runId;
    for (Dataset dataset : Dataset.values()) {
      acknowledged.put(dataset, new LongAdder());
    }
  }

  @Override
  public void emit(Dataset dataset, String key, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(PipelineHeaders.SOURCE_URI, uri.getBytes(StandardCharsets.UTF_8));
    headers.add(
        PipelineHeaders.SOURCE_LINE, Long.toString(++sequence).getBytes(StandardCharsets.UTF_8));
    headers.add(PipelineHeaders.SOURCE_FINGERPRINT, fingerprint.getBytes(StandardCharsets.UTF_8));
    headers.add(PipelineHeaders.INGEST_RUN, runId.getBytes(StandardCharsets.UTF_8));
    LongAdder acks = acknowledged.get(dataset);
    producer.send(
        new ProducerRecord<>(
            dataset.topic(), null, key.getBytes(StandardCharsets.UTF_8), value, headers),
        (metadata, error) -> {
          if (error == null) {
            acks.increment();
          } else {
            failed.incrementAndGet();
            String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
            if (firstFailure.compareAndSet(null, reason)) {
              LOG.warn("live run {}: a send to {} failed: {}", runId, dataset.topic(), reason);
            }
          }
        });
  }

  /**
   * What the broker acknowledged and what failed so far; final once {@link #close()} has returned.
   */
  public Delivery delivery() {
    Map<Dataset, Long> acks = new EnumMap<>(Dataset.class);
    acknowledged.forEach((dataset, n) -> acks.put(dataset, n.sum()));
    return new Delivery(Collections.unmodifiableMap(acks), failed.get(), firstFailure.get());
  }

  /** Waits for every send to be acknowledged or to fail. */
  @Override
  public void close() {
    producer.close();
  }

  /**
   * The sends' outcome: records acknowledged per dataset, records that failed, and the first
   * failure's reason (null when none failed).
   */
  public record Delivery(Map<Dataset, Long> acknowledged, long failed, String firstFailure) {
    public long acknowledgedTotal() {
      return acknowledged.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
