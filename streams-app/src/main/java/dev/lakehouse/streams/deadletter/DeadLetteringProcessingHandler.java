package dev.lakehouse.streams.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' processing-exception handler: a record on which a processor threw becomes a dead
 * letter ({@link UnexpectedFailure}, reason {@value #REASON}) in the same transaction, and the
 * stage goes on with the next record. The stages' own rules reject bad input before this; a record
 * that gets here is a bug to fix, and the error log line says which record, by its coordinates
 * only.
 */
public final class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {
  public static final String REASON = "processing-error";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringProcessingHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.error(
        "processor {} of task {} failed on {}-{}@{} ({}); the record goes to the dead letters as {}",
        context.processorNodeId(),
        context.taskId(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception.getClass().getName(),
        REASON,
        UnexpectedFailure.withoutMessages(exception));
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
