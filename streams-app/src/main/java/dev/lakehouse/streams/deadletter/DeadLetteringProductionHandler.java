package dev.lakehouse.streams.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' production-exception handler: a record the producer refuses for its size (larger
 * than the producer's or the topic's limit) becomes a dead letter of its source record, cut to
 * {@link UnexpectedFailure#MAX_PAYLOAD_BYTES} ({@link UnexpectedFailure}, reason {@value #REASON}),
 * and the stage goes on. Any other send failure (the broker gone, a fenced producer) fails as
 * before: Kafka Streams then retries the task or stops, and nothing is skipped.
 */
public final class DeadLetteringProductionHandler implements ProductionExceptionHandler {
  public static final String REASON = "record-too-large";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringProductionHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (!(exception instanceof RecordTooLargeException)) {
      return Response.fail();
    }
    LOG.error(
        "the record that {}-{}@{} gave for {} is too large to send; its source record goes to the dead letters as {}",
        context.topic(),
        context.partition(),
        context.offset(),
        record.topic(),
        REASON);
    return Response.resume(
        List.of(
            UnexpectedFailure.deadLetter(
                REASON,
                context.processorNodeId(),
                exception,
                context.topic(),
                context.partition(),
                context.offset(),
                context.timestamp(),
                context.headers(),
                context.sourceRawKey(),
                context.sourceRawValue())));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
