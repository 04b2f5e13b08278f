package dev.lakehouse.streams.deadletter;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.DeadLetterHeaders;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.contract.Topics;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead letter of a record that a stage failed on in a way its own rules did not foresee (an
 * exception in a processor, a record the producer could not send): the last line of defence, so
 * that even then the record is neither lost nor able to stop the stage. Pure: it only builds the
 * record.
 *
 * <p>It goes to the stage's dead-letter topic (a source topic's record to {@link
 * DeadLetterTopics#RAW}, anything else to {@link DeadLetterTopics#TRUSTED}) with the bytes the
 * stage read, its coordinates, the ingestor's source URI and line when the record had them, and as
 * detail only the processor and the exception's class, never its message (which may quote the
 * record's content). Bytes above {@link #MAX_PAYLOAD_BYTES} are cut to that size, with the original
 * length in a header: the full record stays at its coordinates in its topic.
 */
public final class UnexpectedFailure {
  /** Room for the headers under Kafka's default 1 MiB limit of a record. */
  public static final int MAX_PAYLOAD_BYTES = 512 * 1024;

  private UnexpectedFailure() {}

  /**
   * @param reason {@code processing-error} or {@code record-too-large}
   * @param node the processor (or sink) that failed
   */
  public static ProducerRecord<byte[], byte[]> deadLetter(
      String reason,
      String node,
      Throwable failure,
      String topic,
      int partition,
      long offset,
      long timestamp,
      Headers sourceHeaders,
      byte[] key,
      byte[] value) {
    // a source topic's record failed in the raw stage; any other topic's (rows, dimensions) in the
    // trusted stage
    Optional<String> source = DatasetContract.nameOfSourceTopic(topic);
    String deadLetters = source.isPresent() ? Topics.DLQ_RAW : Topics.DLQ_TRUSTED;
    RecordHeaders headers = new RecordHeaders();
    copy(sourceHeaders, headers, PipelineHeaders.SOURCE_URI);
    copy(sourceHeaders, headers, PipelineHeaders.SOURCE_LINE);
    DeadLetterHeaders letter =
        DeadLetterHeaders.of(
                source.orElse(topic), reason, node + " failed with " + failure.getClass().getName())
            .sourceRecord(topic, partition, offset, timestamp);
    byte[] payload = value;
    if (value != null && value.length > MAX_PAYLOAD_BYTES) {
      payload = Arrays.copyOf(value, MAX_PAYLOAD_BYTES);
      letter.originalLength(value.length);
    }
    letter.addTo(headers::add);
    return new ProducerRecord<>(deadLetters, null, key, payload, headers);
  }

  /**
   * The failure's stack trace without any message, its causes' too (a message may quote the
   * record's content): what a log may show of it.
   */
  public static Throwable withoutMessages(Throwable failure) {
    Throwable cause =
        failure.getCause() == null || failure.getCause() == failure
            ? null
            : withoutMessages(failure.getCause());
    Throwable copy = new Throwable(failure.getClass().getName(), cause);
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  private static void copy(Headers from, Headers to, String name) {
    Header header = from == null ? null : from.lastHeader(name);
    if (header != null && header.value() != null) {
      to.add(name, header.value());
    }
  }
}
