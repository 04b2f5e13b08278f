package dev.lakehouse.streams.writer;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.iceberg.CommitDecision;
import dev.lakehouse.streams.iceberg.CommitOutcome;
import dev.lakehouse.streams.iceberg.CommittedOffsets;
import dev.lakehouse.streams.iceberg.OffsetRange;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.ParseResult;
import dev.lakehouse.streams.raw.RawRecordParser;
import dev.lakehouse.streams.raw.RawRowWriter;
import dev.lakehouse.streams.topology.LineageHeaders;
import dev.lakehouse.streams.topology.RawTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the validated rows topics (read_committed) and writes each dataset's raw table: typed rows into
 * open Parquet files, then one conditional commit per table per interval (or earlier when the buffer
 * budget is reached), carrying the input offsets. The table, not Kafka, says where to resume: on every
 * assignment the writer seeks each partition to the offsets in the table's snapshots. A batch the table
 * already holds, or that another writer overtook, is dropped and its partitions are read again from the table.
 */
public final class RawIcebergWriter implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RawIcebergWriter.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Map<Dataset, Table> tables;
  private final WriterSettings settings;
  private final TableCommitter committer;
  private final Map<String, Dataset> datasetByTopic = new HashMap<>();
  private final Map<Dataset, RawRecordParser> parsers = new HashMap<>();
  private final Map<Dataset, RawRowWriter> writers = new HashMap<>();
  private final Map<TopicPartition, Long> batchStart = new HashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final WriterMetrics metrics;
  private long bufferedBytes;
  private long batchOpened = System.nanoTime();
  private boolean reseekAll;

  public RawIcebergWriter(Consumer<byte[], byte[]> consumer, Map<Dataset, Table> tables, WriterSettings settings,
      String writerId, WriterMetrics metrics) {
    this.consumer = consumer;
    this.tables = tables;
    this.settings = settings;
    this.committer = new TableCommitter(writerId);
    this.metrics = metrics;
    int number = 0;
    for (Map.Entry<Dataset, Table> entry : tables.entrySet()) {
      datasetByTopic.put(RawTopics.rows(entry.getKey()), entry.getKey());
      parsers.put(entry.getKey(), new RawRecordParser(entry.getKey()));
      writers.put(entry.getKey(), new RawRowWriter(entry.getValue(), settings.targetFileSizeBytes(), number++, Instant::now));
    }
  }

  public void stop() {
    running.set(false);
    consumer.wakeup();
  }

  @Override
  public void run() {
    consumer.subscribe(datasetByTopic.keySet(), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // an open batch may hold rows of partitions we lose: abandon all of it, read it again from the tables
        abandonBatch();
        reseekAll = true;
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        seekFromTables(reseekAll ? consumer.assignment() : partitions);
        reseekAll = false;
      }
    });
    try {
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          write(record);
        }
        if (bufferedBytes >= settings.bufferBudgetBytes()
            || System.nanoTime() - batchOpened >= settings.commitInterval().toNanos()) {
          commitBatch();
        }
      }
      commitBatch();
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      if (running.get()) {
        throw e;
      }
      commitBatch();
    } finally {
      abandonBatch();
      consumer.close();
    }
  }

  private void write(ConsumerRecord<byte[], byte[]> record) {
    Dataset dataset = datasetByTopic.get(record.topic());
    ParseResult result = parsers.get(dataset).parse(record.value());
    if (!(result instanceof ParseResult.Parsed parsed)) {
      // the topology only forwards records this same parser accepted: this is a bug, never data to drop silently
      throw new IllegalStateException("a record the topology validated does not parse: " + record.topic() + "-"
          + record.partition() + "@" + record.offset() + " " + ((ParseResult.Rejected) result).reason());
    }
    writers.get(dataset).write(parsed.values(), lineage(record));
    bufferedBytes += record.serializedValueSize();
    metrics.recordIn(dataset);
  }

  private static Lineage lineage(ConsumerRecord<byte[], byte[]> record) {
    String line = header(record, "lakehouse.source.line");
    return new Lineage(
        header(record, LineageHeaders.SOURCE_TOPIC),
        Integer.parseInt(header(record, LineageHeaders.SOURCE_PARTITION)),
        Long.parseLong(header(record, LineageHeaders.SOURCE_OFFSET)),
        Long.parseLong(header(record, LineageHeaders.SOURCE_TIMESTAMP)),
        header(record, "lakehouse.source.uri"),
        line == null ? null : Long.parseLong(line));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** One commit per table that has data; partitions whose batch was refused are read again from the table. */
  private void commitBatch() {
    Map<Dataset, List<OffsetRange>> ranges = new HashMap<>();
    List<TopicPartition> touched = new ArrayList<>();
    for (TopicPartition tp : consumer.assignment()) {
      long end = consumer.position(tp);
      Long start = batchStart.get(tp);
      if (start != null && end > start) {
        ranges.computeIfAbsent(datasetByTopic.get(tp.topic()), d -> new ArrayList<>())
            .add(new OffsetRange(CommittedOffsets.partitionKey(tp.topic(), tp.partition()), start, end));
        touched.add(tp);
      }
    }
    List<TopicPartition> reseek = new ArrayList<>();
    for (Map.Entry<Dataset, List<OffsetRange>> entry : ranges.entrySet()) {
      Dataset dataset = entry.getKey();
      long started = System.nanoTime();
      List<DataFile> files = writers.get(dataset).complete();
      CommitOutcome outcome = committer.commit(tables.get(dataset), files, entry.getValue());
      metrics.commit(dataset, outcome.verdict(), files, System.nanoTime() - started);
      if (outcome.verdict() == CommitDecision.Verdict.COMMIT) {
        entry.getValue().forEach(r -> batchStart.put(partitionOf(r), r.to()));
      } else {
        entry.getValue().forEach(r -> reseek.add(partitionOf(r)));
      }
    }
    if (!reseek.isEmpty()) {
      seekFromTables(reseek);
    }
    Map<TopicPartition, OffsetAndMetadata> committedHint = new HashMap<>();
    touched.forEach(tp -> committedHint.put(tp, new OffsetAndMetadata(batchStart.get(tp))));
    if (!committedHint.isEmpty()) {
      // a hint for lag monitoring only: the tables are the truth
      consumer.commitAsync(committedHint, null);
    }
    bufferedBytes = 0;
    batchOpened = System.nanoTime();
  }

  private static TopicPartition partitionOf(OffsetRange range) {
    String key = range.partitionKey();
    int dash = key.lastIndexOf('-');
    return new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1)));
  }

  private void abandonBatch() {
    writers.values().forEach(RawRowWriter::abort);
    bufferedBytes = 0;
    batchOpened = System.nanoTime();
  }

  private void seekFromTables(Collection<TopicPartition> partitions) {
    Map<Dataset, CommittedOffsets> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      Dataset dataset = datasetByTopic.get(tp.topic());
      CommittedOffsets committed = offsets.computeIfAbsent(dataset, d -> {
        Table table = tables.get(d);
        table.refresh();
        return CommittedOffsets.fromSnapshots(SnapshotUtil.currentAncestors(table));
      });
      OptionalLong next = committed.next(CommittedOffsets.partitionKey(tp.topic(), tp.partition()));
      if (next.isPresent()) {
        consumer.seek(tp, next.getAsLong());
        batchStart.put(tp, next.getAsLong());
      } else {
        consumer.seekToBeginning(List.of(tp));
        batchStart.put(tp, consumer.position(tp));
      }
      LOG.info("partition {} resumes at offset {} (from table {})", tp, batchStart.get(tp), tables.get(dataset).name());
    }
  }
}
