package dev.lakehouse.streams.deadletter;

import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.streams.writer.HeaderValues;
import dev.lakehouse.streams.writer.PartitionedFileWriter;
import dev.lakehouse.streams.writer.TableSink;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Lands the dead-letter topics of every stage in {@code raw.dead_letters}. A dead letter with
 * headers missing or unreadable is still landed, with what it has: nothing is dropped here.
 */
public final class DeadLetterSink implements TableSink {
  private final PartitionedFileWriter<Record> files;
  private final Schema schema;
  private final Map<String, Long> batchCounts = new HashMap<>();
  private Map<String, Long> completedCounts = Map.of();

  public DeadLetterSink(Table table, long targetFileSizeBytes, int writerNumber) {
    this.files = PartitionedFileWriter.ofRecords(table, targetFileSizeBytes, writerNumber);
    this.schema = files.schema();
  }

  @Override
  public Table table() {
    return files.table();
  }

  @Override
  public void write(ConsumerRecord<byte[], byte[]> record) {
    String stage = Topics.deadLetterStage(record.topic());
    String reason =
        orElse(HeaderValues.text(record.headers(), PipelineHeaders.DLQ_REASON), "unknown");
    GenericRecord row = GenericRecord.create(schema);
    row.setField(DeadLetterTable.STAGE, stage);
    row.setField(
        DeadLetterTable.DATASET, HeaderValues.text(record.headers(), PipelineHeaders.DATASET));
    row.setField(DeadLetterTable.REASON, reason);
    row.setField(
        DeadLetterTable.DETAIL, HeaderValues.text(record.headers(), PipelineHeaders.DLQ_DETAIL));
    row.setField(
        DeadLetterTable.PAYLOAD, record.value() == null ? null : ByteBuffer.wrap(record.value()));
    row.setField(
        DeadLetterTable.SOURCE_URI,
        HeaderValues.text(record.headers(), PipelineHeaders.SOURCE_URI));
    row.setField(
        DeadLetterTable.SOURCE_LINE,
        number(HeaderValues.text(record.headers(), PipelineHeaders.SOURCE_LINE)));
    row.setField(
        DeadLetterTable.SOURCE_TOPIC,
        HeaderValues.text(record.headers(), PipelineHeaders.SOURCE_TOPIC));
    Long partition = number(HeaderValues.text(record.headers(), PipelineHeaders.SOURCE_PARTITION));
    row.setField(DeadLetterTable.SOURCE_PARTITION, partition == null ? null : partition.intValue());
    row.setField(
        DeadLetterTable.SOURCE_OFFSET,
        number(HeaderValues.text(record.headers(), PipelineHeaders.SOURCE_OFFSET)));
    row.setField(
        DeadLetterTable.DEAD_LETTERED_AT, DeadLetterTable.deadLetteredAt(record.timestamp()));
    row.setField(
        DeadLetterTable.ORIGINAL_LENGTH,
        number(HeaderValues.text(record.headers(), PipelineHeaders.DLQ_ORIGINAL_LENGTH)));
    row.setField(
        DeadLetterTable.ORIGINAL_OFFSET,
        number(HeaderValues.text(record.headers(), PipelineHeaders.DLQ_ORIGINAL_OFFSET)));
    row.setField(
        DeadLetterTable.ORIGINAL_SHA256,
        HeaderValues.text(record.headers(), PipelineHeaders.DLQ_ORIGINAL_SHA256));
    row.setField(DeadLetterTable.DLQ_TOPIC, record.topic());
    row.setField(DeadLetterTable.DLQ_PARTITION, record.partition());
    row.setField(DeadLetterTable.DLQ_OFFSET, record.offset());
    row.setField(DeadLetterTable.INGESTED_AT, OffsetDateTime.now(ZoneOffset.UTC));
    files.write(row);
    batchCounts.merge(stage + "/" + reason, 1L, Long::sum);
  }

  @Override
  public List<DataFile> complete() {
    completedCounts = Map.copyOf(batchCounts);
    batchCounts.clear();
    return files.complete();
  }

  @Override
  public void abort() {
    batchCounts.clear();
    files.abort();
  }

  /** Dead letters of the batch last completed, by {@code stage/reason}. */
  @Override
  public Map<String, Long> completedCounts() {
    return completedCounts;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Long number(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
