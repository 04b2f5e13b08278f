package dev.lakehouse.ingest;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.ingest.generate.live.LiveSink;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes live generated records to the source topics as the file ingestor would (same keys,
 * values and headers; the source URI is {@code live://generator/<run-id>} unless given, and the
 * line a running sequence), with an idempotent producer and no batching delay, so that freshness
 * measurements start at the event.
 */
public final class LiveKafkaSink implements LiveSink, AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final String uri;
  private final String runId;
  private final String fingerprint;
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
  }

  @Override
  public void emit(Dataset dataset, String key, byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(PipelineHeaders.SOURCE_URI, uri.getBytes(StandardCharsets.UTF_8));
    headers.add(
        PipelineHeaders.SOURCE_LINE, Long.toString(++sequence).getBytes(StandardCharsets.UTF_8));
    headers.add(PipelineHeaders.SOURCE_FINGERPRINT, fingerprint.getBytes(StandardCharsets.UTF_8));
    headers.add(PipelineHeaders.INGEST_RUN, runId.getBytes(StandardCharsets.UTF_8));
    producer.send(
        new ProducerRecord<>(
            dataset.topic(), null, key.getBytes(StandardCharsets.UTF_8), value, headers));
  }

  @Override
  public void close() {
    producer.close();
  }
}
