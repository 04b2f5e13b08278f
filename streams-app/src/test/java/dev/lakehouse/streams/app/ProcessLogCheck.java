package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.measure.ProcessEventJson;
import dev.lakehouse.streams.measure.ProcessLogTable;
import dev.lakehouse.testing.TopicReader;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The process log against its topic: every committed process event (the ingest runs' and their
 * files') is once in {@code ops.process_log}, at its own partition and offset, with its event id.
 */
public final class ProcessLogCheck {
  private ProcessLogCheck() {}

  /**
   * Waits (calling {@code watch} between reads, which may restart a dead app) until the table holds
   * every event the topic holds now; fails at once on an event twice. Returns the events.
   */
  public static int awaitEveryEventOnce(
      String bootstrapServers, Catalog catalog, Runnable watch, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> events = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record :
        TopicReader.readCommitted(bootstrapServers, List.of(Topics.PROCESS_EVENTS))) {
      events.put(
          record.partition() + "@" + record.offset(),
          ProcessEventJson.read(record.value()).eventId());
    }
    assertThat(events).as("process events in %s", Topics.PROCESS_EVENTS).isNotEmpty();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, String> landed = new HashMap<>();
      try (CloseableIterable<Record> rows =
          IcebergGenerics.read(catalog.loadTable(ProcessLogTable.IDENTIFIER))
              .select(
                  ProcessLogTable.EVENT_PARTITION,
                  ProcessLogTable.EVENT_OFFSET,
                  ProcessLogTable.EVENT_ID)
              .build()) {
        for (Record row : rows) {
          String at =
              row.getField(ProcessLogTable.EVENT_PARTITION)
                  + "@"
                  + row.getField(ProcessLogTable.EVENT_OFFSET);
          assertThat(landed.put(at, (String) row.getField(ProcessLogTable.EVENT_ID)))
              .as("the process event at %s twice in %s", at, ProcessLogTable.IDENTIFIER)
              .isNull();
        }
      }
      long missing = events.keySet().stream().filter(at -> !landed.containsKey(at)).count();
      if (missing == 0) {
        events.forEach(
            (at, id) ->
                assertThat(landed.get(at)).as("the event id of the event at %s", at).isEqualTo(id));
        return events.size();
      }
      if (System.nanoTime() > deadline) {
        fail(
            "%s holds %d of the %d process events after %s",
            ProcessLogTable.IDENTIFIER, events.size() - missing, events.size(), timeout);
      }
      watch.run();
      Thread.sleep(1_000);
    }
  }
}
