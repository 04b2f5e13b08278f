package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessEventJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The transactional producer of one ingestor. A batch is one transaction: its records, its dead
 * letters, the progress of the file they came from and the process events of the file's run (its
 * start with its first batch, its end with its last) commit together or not at all. The
 * transactional id is stable per ingestor, so a restarted ingestor fences its crashed predecessor
 * and aborts what it left open.
 */
final class IngestPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private boolean inTransaction;

  IngestPublisher(Producer<byte[], byte[]> producer) {
    this.producer = producer;
    producer.initTransactions();
  }

  static IngestPublisher create(String bootstrapServers, String transactionalId) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            10,
            ProducerConfig.BATCH_SIZE_CONFIG,
            512 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            128L * 1024 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4",
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
            120_000,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            8 * 1024 * 1024);
    return new IngestPublisher(
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  void send(String topic, byte[] key, byte[] value, RecordHeaders headers) {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
    }
    producer.send(new ProducerRecord<>(topic, null, key, value, headers));
  }

  /** Sends a process event in the current transaction (one starts if none is open). */
  void event(ProcessEvent event) {
    send(
        Topics.PROCESS_EVENTS,
        event.runId().getBytes(StandardCharsets.UTF_8),
        ProcessEventJson.write(event),
        new RecordHeaders());
  }

  /** Sends a process event in a transaction of its own (a run's start and end, a failed file's). */
  void eventAlone(ProcessEvent event) {
    event(event);
    commitOpen();
  }

  /** Sends the file's progress and commits everything sent since the last commit. */
  void commit(FileProgress progress) {
    send(
        Topics.INGEST_PROGRESS,
        progress.uri().getBytes(StandardCharsets.UTF_8),
        progress.toJson(),
        new RecordHeaders());
    commitOpen();
  }

  private void commitOpen() {
    try {
      producer.commitTransaction();
    } catch (RuntimeException e) {
      abortQuietly();
      throw e;
    } finally {
      inTransaction = false;
    }
  }

  void abortQuietly() {
    if (inTransaction) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException ignored) {
        // a fenced or failed producer cannot abort; the broker aborts on timeout or on the next
        // init
      }
      inTransaction = false;
    }
  }

  @Override
  public void close() {
    abortQuietly();
    producer.close();
  }
}
