package dev.lakehouse.streams.writer;

import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.streams.iceberg.CommitDecision;
import dev.lakehouse.streams.iceberg.CommitOutcome;
import dev.lakehouse.streams.iceberg.CommittedOffsets;
import dev.lakehouse.streams.iceberg.OffsetRange;
import dev.lakehouse.streams.iceberg.ResumePoint;
import dev.lakehouse.streams.iceberg.ResumeRefusedException;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.iceberg.TableHistory;
import dev.lakehouse.streams.iceberg.TopicIds;
import dev.lakehouse.streams.observe.FailureText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads input topics (read_committed) and writes each into its Iceberg table through a {@link
 * TableSink}: rows into open Parquet files, then one conditional commit per table per interval (or
 * earlier when the buffer budget is reached), carrying the input offsets. The table, not Kafka,
 * says where to resume: on every assignment the writer seeks each partition to the offsets in its
 * table's snapshots. A batch the table already holds, or that another writer overtook, is dropped
 * and its partitions are read again from the table. Files roll by size inside a batch and by age at
 * every commit. A batch spans one commit interval, or up to {@code streams.catch-up-intervals}
 * while the writer works through a backlog.
 */
public final class IcebergTableWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergTableWriter.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Map<String, TableSink> sinkByTopic;
  private final List<TableSink> sinks;
  private final CommitPolicy policy;
  private final LongSupplier nanoClock;
  private final TableCommitter committer;
  private final WriterMetrics metrics;
  private final SinkLanes lanes;
  private final WriterLetter.Table letterTable;
  private final TopicIds topicIds;
  private final Map<TopicPartition, Long> batchStart = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong heartbeatMillis = new AtomicLong(System.currentTimeMillis());
  private final AtomicBoolean assigned = new AtomicBoolean();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private WriterBatch batch;
  private boolean reseekAll;
  private volatile boolean commitOnStop = true;

  public IcebergTableWriter(
      Consumer<byte[], byte[]> consumer,
      Map<String, TableSink> sinkByTopic,
      StreamsSettings settings,
      String writerId,
      WriterMetrics metrics) {
    this(consumer, sinkByTopic, settings, writerId, metrics, null);
  }

  /**
   * @param letterTable where the rows the tables cannot hold land as dead letters (without one,
   *     such a row stops the writer)
   */
  public IcebergTableWriter(
      Consumer<byte[], byte[]> consumer,
      Map<String, TableSink> sinkByTopic,
      StreamsSettings settings,
      String writerId,
      WriterMetrics metrics,
      WriterLetter.Table letterTable) {
    this(consumer, sinkByTopic, settings, writerId, metrics, letterTable, TopicIds.none());
  }

  /**
   * @param topicIds the input topics' ids at start-up ({@link WriterPreflight}): recorded with the
   *     offsets, and compared on every assignment
   */
  public IcebergTableWriter(
      Consumer<byte[], byte[]> consumer,
      Map<String, TableSink> sinkByTopic,
      StreamsSettings settings,
      String writerId,
      WriterMetrics metrics,
      WriterLetter.Table letterTable,
      TopicIds topicIds) {
    this(
        consumer,
        sinkByTopic,
        CommitPolicy.of(settings),
        settings.writerThreads(),
        new TableCommitter(writerId, topicIds),
        metrics,
        letterTable,
        topicIds,
        System::nanoTime);
  }

  /**
   * @param nanoClock the clock the batch's age is measured on
   */
  IcebergTableWriter(
      Consumer<byte[], byte[]> consumer,
      Map<String, TableSink> sinkByTopic,
      CommitPolicy policy,
      int writerThreads,
      TableCommitter committer,
      WriterMetrics metrics,
      WriterLetter.Table letterTable,
      TopicIds topicIds,
      LongSupplier nanoClock) {
    this.consumer = consumer;
    this.topicIds = topicIds;
    this.letterTable = letterTable;
    this.sinkByTopic = Map.copyOf(sinkByTopic);
    Map<TableSink, Boolean> distinct = new IdentityHashMap<>();
    sinkByTopic.values().forEach(sink -> distinct.put(sink, true));
    this.sinks = List.copyOf(distinct.keySet());
    this.policy = policy;
    this.nanoClock = nanoClock;
    this.committer = committer;
    this.metrics = metrics;
    this.lanes = new SinkLanes(writerThreads, "iceberg-writer");
    this.batch = new WriterBatch(nanoClock.getAsLong());
  }

  /**
   * Stops the loop; with {@code commitOpenBatch} it commits what it holds first, else it drops it
   * (read again later).
   */
  public void stop(boolean commitOpenBatch) {
    this.commitOnStop = commitOpenBatch;
    running.set(false);
    consumer.wakeup();
  }

  /** When the writer loop last turned (for the liveness check). */
  public long heartbeatMillis() {
    return heartbeatMillis.get();
  }

  /**
   * Whether the writer has joined its group and positioned its partitions from the tables
   * (readiness).
   */
  public boolean assigned() {
    return assigned.get();
  }

  /** The error that stopped the writer, if one did. */
  public Throwable failure() {
    return failure.get();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(
          sinkByTopic.keySet(),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              // an open batch may hold rows of partitions we lose: abandon all of it, read it again
              // from the tables
              lanes.await();
              abandonBatch();
              reseekAll = true;
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              try {
                seekFromTables(reseekAll ? consumer.assignment() : partitions);
              } catch (ResumeRefusedException e) {
                // the consumer wraps what a listener throws: keep the refusal itself as the
                // writer's failure
                failure.compareAndSet(null, e);
                throw e;
              }
              reseekAll = false;
              assigned.set(true);
            }
          });
      loop();
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
      LOG.error(
          "the Iceberg writer stopped on an error; the tables keep every batch committed so far",
          FailureText.forLog(e));
    } finally {
      try {
        lanes.await();
      } catch (RuntimeException e) {
        LOG.debug("a table write failed while the writer stopped", e);
      }
      abandonBatch();
      lanes.close();
      consumer.close();
    }
  }

  private void loop() {
    try {
      while (running.get()) {
        heartbeatMillis.set(System.currentTimeMillis());
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        // the previous poll's rows are typed while this poll ran; at most two polls' records are
        // held
        lanes.await();
        write(records);
        if (commitDue()) {
          commitBatch();
        }
      }
      finalCommit();
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
      finalCommit();
    }
  }

  /** Whether the open batch is due for its commit ({@link CommitPolicy}). */
  private boolean commitDue() {
    return policy.commitDue(
        batch.bufferedBytes(),
        nanoClock.getAsLong() - batch.openedNanos(),
        batch.records(),
        () -> {
          long waiting = 0;
          for (TopicPartition tp : consumer.assignment()) {
            waiting += consumer.currentLag(tp).orElse(0L);
          }
          return waiting;
        });
  }

  private void finalCommit() {
    if (commitOnStop) {
      commitBatch();
    } else {
      LOG.info(
          "stopping without committing the open batch ({} bytes): its partitions' next owner reads it again",
          batch.bufferedBytes());
    }
  }

  /**
   * Hands each partition's records to its table's lane; counts, timestamps and the budget are kept
   * here.
   */
  private void write(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    Map<TableSink, List<ConsumerRecord<byte[], byte[]>>> bySink = new IdentityHashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> partition = records.records(tp);
      TableSink sink = sinkByTopic.get(tp.topic());
      batch.add(sink, partition);
      List<ConsumerRecord<byte[], byte[]>> forSink = bySink.get(sink);
      if (forSink == null) {
        bySink.put(sink, partition);
      } else {
        // the sink's partitions of this poll in one list of our own, never one the consumer holds
        List<ConsumerRecord<byte[], byte[]>> merged =
            new ArrayList<>(forSink.size() + partition.size());
        merged.addAll(forSink);
        merged.addAll(partition);
        bySink.put(sink, merged);
      }
    }
    bySink.forEach(lanes::write);
  }

  /**
   * One commit per table that has data; partitions whose batch was refused are read again from the
   * table.
   */
  private void commitBatch() {
    Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      positions.put(tp, consumer.position(tp));
    }
    WriterBatch.Result closed = batch.close(batchStart, positions, sinkByTopic::get);
    Map<TableSink, List<OffsetRange>> ranges = closed.ranges();
    List<TopicPartition> touched = closed.touched();
    List<TopicPartition> reseek = new ArrayList<>();
    long completing = System.nanoTime();
    Map<TableSink, List<DataFile>> completed = lanes.complete(new ArrayList<>(ranges.keySet()));
    long completeNanos = System.nanoTime() - completing;
    commitLetters(ranges.keySet());
    for (Map.Entry<TableSink, List<OffsetRange>> entry : ranges.entrySet()) {
      TableSink sink = entry.getKey();
      String table = label(sink.table());
      long started = System.nanoTime();
      List<DataFile> files = completed.get(sink);
      CommitOutcome outcome =
          committer.commit(sink.table(), files, entry.getValue(), startsOf(sink, touched));
      if (outcome.verdict() == CommitDecision.Verdict.COMMIT) {
        LOG.info(
            "table {}: committed snapshot {} ({} files, {} rows, offsets {})",
            table,
            outcome.snapshotId().orElse(-1),
            files.size(),
            files.stream().mapToLong(DataFile::recordCount).sum(),
            entry.getValue());
        metrics.committed(
            table,
            files,
            completeNanos + System.nanoTime() - started,
            closed.inputOf(sink).timestamps(),
            System.currentTimeMillis());
        metrics.deadLetters(sink.completedCounts());
        entry.getValue().forEach(r -> batchStart.put(r.partition(), r.to()));
      } else {
        metrics.refused(table, outcome.verdict());
        entry.getValue().forEach(r -> reseek.add(r.partition()));
      }
    }
    sinks.forEach(sink -> metrics.recordsIn(label(sink.table()), closed.inputOf(sink).records()));
    if (!reseek.isEmpty()) {
      seekFromTables(reseek);
    }
    Map<TopicPartition, OffsetAndMetadata> committedHint = new HashMap<>();
    touched.forEach(tp -> committedHint.put(tp, new OffsetAndMetadata(batchStart.get(tp))));
    if (!committedHint.isEmpty()) {
      // a hint for lag monitoring only: the tables are the truth
      consumer.commitAsync(committedHint, null);
    }
    publishLag();
    batch = new WriterBatch(nanoClock.getAsLong());
  }

  /**
   * The rows of this batch its tables could not hold become dead letters, committed before any data
   * table of the batch: a crash between the two commits reads the rows again, and their letters,
   * already in the dead-letter table, are not written twice ({@code WriterLetterMarks}).
   */
  private void commitLetters(Collection<TableSink> sinks) {
    List<WriterLetter> letters = new ArrayList<>();
    sinks.forEach(sink -> letters.addAll(sink.takeLetters()));
    if (letters.isEmpty()) {
      return;
    }
    if (letterTable == null) {
      WriterLetter first = letters.get(0);
      throw new IllegalStateException(
          "a table cannot hold the row at "
              + first.rowsTopic()
              + "-"
              + first.partition()
              + "@"
              + first.offset()
              + " ("
              + first.reason()
              + ": "
              + first.detail()
              + ") and the writer has no dead-letter table");
    }
    Map<String, Long> committed = letterTable.commit(letters);
    LOG.info(
        "{} rows the tables cannot hold are dead letters of the writer ({} new: {})",
        letters.size(),
        committed.values().stream().mapToLong(Long::longValue).sum(),
        committed);
    metrics.deadLetters(committed);
  }

  private void publishLag() {
    Map<String, Long> lagByTable = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      lagByTable.merge(label(sinkByTopic.get(tp.topic()).table()), lag.orElse(0L), Long::sum);
    }
    lagByTable.forEach(metrics::lag);
  }

  /**
   * The table's name without the catalog's, e.g. {@code raw.order}: the same label whichever
   * catalog holds it.
   */
  public static String label(Table table) {
    String name = table.name();
    int first = name.indexOf('.');
    return first > 0 && name.indexOf('.', first + 1) > 0 ? name.substring(first + 1) : name;
  }

  /**
   * Where this writer stands in its partitions of {@code sink}'s topics that the batch did not
   * move.
   */
  private Map<String, Long> startsOf(TableSink sink, List<TopicPartition> touched) {
    Map<String, Long> starts = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      Long start = batchStart.get(tp);
      if (start != null && sinkByTopic.get(tp.topic()) == sink && !touched.contains(tp)) {
        starts.put(CommittedOffsets.partitionKey(tp.topic(), tp.partition()), start);
      }
    }
    return starts;
  }

  private void abandonBatch() {
    sinks.forEach(TableSink::abort);
    batch = new WriterBatch(nanoClock.getAsLong());
  }

  /**
   * Seeks each partition explicitly to where its table says the writer stopped ({@link
   * ResumePoint}); the consumer never resets itself ({@code auto.offset.reset=none}). Refuses, with
   * the partition and the gap, when that offset is no longer in the topic or the table lost its
   * offsets.
   */
  private void seekFromTables(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    // earliest, then the tables, then the end: the table read after the earliest offset and before
    // the end
    // offset, so a commit by another writer in between can look neither like a gap nor like a
    // recreated topic
    Map<TopicPartition, Long> earliest = consumer.beginningOffsets(partitions);
    Map<TableSink, TableHistory> histories = new IdentityHashMap<>();
    partitions.forEach(
        tp ->
            histories.computeIfAbsent(
                sinkByTopic.get(tp.topic()), s -> TableHistory.of(s.table())));
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    for (TopicPartition tp : partitions) {
      TableSink sink = sinkByTopic.get(tp.topic());
      TableHistory history = histories.get(sink);
      long next =
          ResumePoint.of(
              history,
              tp.topic(),
              topicIds.of(tp.topic()).orElse(null),
              tp.partition(),
              earliest.get(tp),
              end.get(tp));
      consumer.seek(tp, next);
      batchStart.put(tp, next);
      LOG.info(
          "partition {} resumes at offset {} (from table {}; the topic holds [{}, {}))",
          tp,
          next,
          sink.table().name(),
          earliest.get(tp),
          end.get(tp));
    }
  }
}
