package dev.lakehouse.streams.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.measure.Job;
import dev.lakehouse.common.measure.ProcessAttribute;
import dev.lakehouse.common.measure.ProcessCounters;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessEventJson;
import dev.lakehouse.common.measure.ProcessStatus;
import dev.lakehouse.streams.writer.WriterLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Events become rows with every field; an event that does not read becomes a writer letter. */
class ProcessLogSinkTest {
  private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void eventsBecomeRowsAndABrokenOneALetter() throws Exception {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(ProcessLogTable.IDENTIFIER.namespace());
    Table table = ProcessLogTable.ensure(catalog);
    ProcessLogSink sink = new ProcessLogSink(table, 128L * 1024 * 1024, 0);

    ProcessEvent started =
        ProcessEvent.started(
            "run-1:1",
            "run-1",
            Job.ingestFile(),
            START,
            Map.of(ProcessAttribute.SOURCE_URI, "s3://lake/landing/order.json.gz"));
    ProcessEvent ended =
        started.end(
            ProcessStatus.SUCCEEDED,
            START.plusMillis(1_500),
            new ProcessCounters(10, 9, 1, 0, 0),
            Map.of());
    sink.write(record(0, ProcessEventJson.write(started)));
    sink.write(record(1, "{\"run_id\":".getBytes(StandardCharsets.UTF_8)));
    sink.write(record(2, ProcessEventJson.write(ended)));
    List<DataFile> files = sink.complete();
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();

    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      read.forEach(rows::add);
    }
    assertThat(rows).hasSize(2);
    Record end =
        rows.stream().filter(r -> "SUCCEEDED".equals(r.getField("status"))).findFirst().get();
    assertThat(end.getField(ProcessLogTable.EVENT_ID)).isEqualTo("run-1:1/SUCCEEDED");
    assertThat(end.getField(ProcessLogTable.PARENT_RUN_ID)).isEqualTo("run-1");
    assertThat(end.getField(ProcessLogTable.JOB)).isEqualTo("ingest-files:file");
    assertThat(end.getField(ProcessLogTable.DURATION_SECONDS)).isEqualTo(1.5);
    assertThat(end.getField("rows_out")).isEqualTo(9L);
    assertThat(end.getField("dead_letters")).isEqualTo(1L);
    assertThat(end.getField("source_uri")).isEqualTo("s3://lake/landing/order.json.gz");
    assertThat(((OffsetDateTime) end.getField(ProcessLogTable.STARTED_AT)).toInstant())
        .isEqualTo(START);
    assertThat(end.getField(ProcessLogTable.EVENT_OFFSET)).isEqualTo(2L);

    List<WriterLetter> letters = sink.takeLetters();
    assertThat(letters)
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.offset()).isEqualTo(1L);
              assertThat(letter.reason()).isEqualTo(ProcessLogSink.INVALID_EVENT);
              assertThat(new String(letter.payload(), StandardCharsets.UTF_8))
                  .isEqualTo("{\"run_id\":");
            });
    assertThat(sink.takeLetters()).as("handed over once").isEmpty();
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>(
        Topics.PROCESS_EVENTS,
        0,
        offset,
        1_000,
        TimestampType.CREATE_TIME,
        0,
        0,
        "run-1".getBytes(StandardCharsets.UTF_8),
        value,
        new RecordHeaders(),
        Optional.empty());
  }
}
