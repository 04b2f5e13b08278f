package dev.lakehouse.streams.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.streams.iceberg.CommittedOffsets;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.iceberg.TableHistory;
import dev.lakehouse.streams.iceberg.TopicIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer loop on a {@link MockConsumer} and an in-memory catalog, step by step: each step runs
 * at one poll, on the writer's thread, and the batch's age is a clock the steps move. The table's
 * files say which records they hold, so every test checks that each record is in the table once.
 */
class IcebergTableWriterTest {
  private static final String TOPIC = "t";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);
  private static final CommitPolicy POLICY = new CommitPolicy(Duration.ofSeconds(1), 1 << 30, 4);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final AtomicLong clock = new AtomicLong();
  private final Map<String, List<String>> recordsByFile = new ConcurrentHashMap<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Table table;
  private TopicLog consumer;
  private IcebergTableWriter writer;
  private Thread loop;

  @AfterEach
  void stop() throws InterruptedException {
    if (writer != null) {
      writer.stop(false);
      loop.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  @Test
  void aRebalanceMidBatchDropsTheBatchAndReadsItAgainFromTheTable() {
    start(Map.of(P0, 5, P1, 5, P2, 2), Integer.MAX_VALUE);
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
    // the next poll reads all of P0 and P1 into the open batch; then P1 goes to another writer
    consumer.schedulePollTask(() -> {});
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P2)));
    consumer.schedulePollTask(() -> clock.addAndGet(2 * SECOND));
    run();

    awaitOffsets(Map.of("t-0", 5L, "t-2", 2L));
    assertThat(recordsInTable())
        .containsExactlyInAnyOrder("t-0@0", "t-0@1", "t-0@2", "t-0@3", "t-0@4", "t-2@0", "t-2@1");
    assertThat(writer.failure()).isNull();
  }

  @Test
  void aRefusedBatchIsReadAgainFromWhereTheTableStands() {
    start(Map.of(P0, 5), Integer.MAX_VALUE);
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
    // while the writer holds [0, 5), another writer commits [0, 3) of the same partition
    consumer.schedulePollTask(
        () ->
            new TableCommitter("other")
                .commit(
                    table,
                    List.of(file(List.of("t-0@0", "t-0@1", "t-0@2"))),
                    List.of(new dev.lakehouse.streams.iceberg.OffsetRange(P0, 0, 3))));
    consumer.schedulePollTask(() -> clock.addAndGet(2 * SECOND));
    consumer.schedulePollTask(() -> clock.addAndGet(2 * SECOND));
    run();

    awaitOffsets(Map.of("t-0", 5L));
    assertThat(recordsInTable())
        .containsExactlyInAnyOrder("t-0@0", "t-0@1", "t-0@2", "t-0@3", "t-0@4");
    assertThat(
            registry
                .get("lakehouse.writer.batches.refused")
                .tag("verdict", "conflict")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void aWriterCatchingUpGrowsItsBatchUpToTheCatchUpIntervals() {
    // 100 records waiting, 10 read per poll: one interval of the batch's pace is far from the end
    start(Map.of(P0, 100), 10);
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
    for (int i = 0; i < 3; i++) {
      consumer.schedulePollTask(() -> clock.addAndGet(3 * SECOND / 2));
    }
    run();

    awaitOffsets(Map.of("t-0", 30L));
    table.refresh();
    assertThat(table.snapshots()).as("one commit, at 4.5 s and not at 1.5 s").hasSize(1);
    assertThat(recordsInTable()).hasSize(30).doesNotHaveDuplicates();
  }

  private void start(Map<TopicPartition, Integer> log, int maxPerPoll) {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    table =
        catalog.createTable(
            TableIdentifier.of("raw", "t"),
            new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
            PartitionSpec.unpartitioned());
    consumer = new TopicLog(log, maxPerPoll);
    writer =
        new IcebergTableWriter(
            consumer,
            Map.of(TOPIC, new RecordingSink()),
            POLICY,
            1,
            new TableCommitter("w"),
            new WriterMetrics(registry),
            null,
            TopicIds.none(),
            clock::get);
  }

  private void run() {
    loop = new Thread(writer, "writer-under-test");
    loop.start();
  }

  private void awaitOffsets(Map<String, Long> expected) {
    await(
        () -> {
          table.refresh();
          return TableHistory.of(table)
              .offsets()
              .map(CommittedOffsets::asMap)
              .orElse(Map.of())
              .equals(expected);
        },
        "table offsets " + expected);
  }

  private void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(writer.failure()).as("writer failure").isNull();
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private List<String> recordsInTable() {
    table.refresh();
    List<String> records = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> records.addAll(recordsByFile.get(task.file().location())));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return records;
  }

  private DataFile file(List<String> records) {
    String path = table.location() + "/data/" + UUID.randomUUID() + ".parquet";
    recordsByFile.put(path, List.copyOf(records));
    return DataFiles.builder(table.spec())
        .withPath(path)
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(100)
        .withRecordCount(records.size())
        .build();
  }

  /** A sink whose files are only metadata, and the test remembers which records each holds. */
  private final class RecordingSink implements TableSink {
    private final List<String> open = new ArrayList<>();

    @Override
    public Table table() {
      return table;
    }

    @Override
    public void write(ConsumerRecord<byte[], byte[]> record) {
      open.add(record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    @Override
    public List<DataFile> complete() {
      List<DataFile> files = open.isEmpty() ? List.of() : List.of(file(open));
      open.clear();
      return files;
    }

    @Override
    public void abort() {
      open.clear();
    }
  }

  /**
   * A consumer over a fixed log per partition: before every poll it hands the records from each
   * assigned partition's position on (at most {@code maxPerPoll}), as a broker would after a seek.
   */
  private static final class TopicLog extends MockConsumer<byte[], byte[]> {
    private final Map<TopicPartition, Integer> log;
    private final int maxPerPoll;

    TopicLog(Map<TopicPartition, Integer> log, int maxPerPoll) {
      super("none");
      this.log = Map.copyOf(log);
      this.maxPerPoll = maxPerPoll;
      Map<TopicPartition, Long> beginning = new HashMap<>();
      Map<TopicPartition, Long> end = new HashMap<>();
      log.forEach(
          (tp, size) -> {
            beginning.put(tp, 0L);
            end.put(tp, (long) size);
          });
      updateBeginningOffsets(beginning);
      updateEndOffsets(end);
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      for (TopicPartition tp : assignment()) {
        long from = position(tp);
        long to = Math.min(log.get(tp), from + maxPerPoll);
        for (long offset = from; offset < to; offset++) {
          addRecord(
              new ConsumerRecord<>(
                  tp.topic(),
                  tp.partition(),
                  offset,
                  null,
                  ("v" + offset).getBytes(StandardCharsets.UTF_8)));
        }
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.poll(timeout);
    }
  }
}
