package dev.lakehouse.streams.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class SinkLanesTest {

  @Test
  void aSinkReceivesItsRecordsInOrderOneTaskAtATime() {
    RecordingSink sink = new RecordingSink(record -> sleepMillis(1));
    try (SinkLanes lanes = new SinkLanes(4, "test")) {
      for (int batch = 0; batch < 20; batch++) {
        lanes.write(sink, records("t", batch * 10, 10));
      }
      lanes.await();
    }
    assertThat(sink.offsets).hasSize(200);
    assertThat(sink.offsets).isSorted();
    assertThat(sink.maxConcurrent).as("never two lane tasks on one sink at once").isEqualTo(1);
  }

  @Test
  void differentSinksAreWrittenSideBySide() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Consumer<ConsumerRecord<byte[], byte[]>> meetTheOther =
        record -> {
          bothRunning.countDown();
          try {
            if (!bothRunning.await(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the other sink's write never ran at the same time");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        };
    RecordingSink orders = new RecordingSink(meetTheOther);
    RecordingSink statuses = new RecordingSink(meetTheOther);
    try (SinkLanes lanes = new SinkLanes(2, "test")) {
      lanes.write(orders, records("orders", 0, 1));
      lanes.write(statuses, records("statuses", 0, 1));
      lanes.await();
    }
    assertThat(orders.offsets).containsExactly(0L);
    assertThat(statuses.offsets).containsExactly(0L);
  }

  @Test
  void aFailedWriteIsRethrownAndTheSinksLaterWritesDoNotRun() {
    RecordingSink failing =
        new RecordingSink(
            record -> {
              if (record.offset() == 3) {
                throw new IllegalStateException("cannot type offset 3");
              }
            });
    try (SinkLanes lanes = new SinkLanes(2, "test")) {
      lanes.write(failing, records("t", 0, 5));
      lanes.write(failing, records("t", 5, 5));
      assertThatThrownBy(lanes::await)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("cannot type offset 3");
      assertThat(failing.offsets).containsExactly(0L, 1L, 2L);
      lanes.await();
    }
  }

  @Test
  void completeWaitsForTheWritesAndReturnsEachSinksFilesInTheOrderGiven() {
    RecordingSink first = new RecordingSink(record -> sleepMillis(2));
    RecordingSink second = new RecordingSink(record -> {});
    try (SinkLanes lanes = new SinkLanes(2, "test")) {
      lanes.write(first, records("a", 0, 50));
      lanes.write(second, records("b", 0, 3));
      Map<TableSink, List<DataFile>> files = lanes.complete(List.of(second, first));
      assertThat(files.keySet()).containsExactly(second, first);
      assertThat(first.completedAfterRows).isEqualTo(50);
      assertThat(second.completedAfterRows).isEqualTo(3);
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> records(
      String topic, long firstOffset, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(new ConsumerRecord<>(topic, 0, firstOffset + i, new byte[0], new byte[0]));
    }
    return records;
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records what it was given and how many lane tasks were inside it at once. */
  private static final class RecordingSink implements TableSink {
    final List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
    private final Consumer<ConsumerRecord<byte[], byte[]>> onWrite;
    private int inside;
    volatile int maxConcurrent;
    volatile int completedAfterRows = -1;

    RecordingSink(Consumer<ConsumerRecord<byte[], byte[]>> onWrite) {
      this.onWrite = onWrite;
    }

    @Override
    public Table table() {
      return null;
    }

    @Override
    public void write(ConsumerRecord<byte[], byte[]> record) {
      synchronized (this) {
        inside++;
        maxConcurrent = Math.max(maxConcurrent, inside);
      }
      try {
        onWrite.accept(record);
        offsets.add(record.offset());
      } finally {
        synchronized (this) {
          inside--;
        }
      }
    }

    @Override
    public List<DataFile> complete() {
      completedAfterRows = offsets.size();
      return List.of();
    }

    @Override
    public void abort() {
      offsets.clear();
    }
  }
}
