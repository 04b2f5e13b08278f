package dev.lakehouse.bench.compare;

import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.streams.report.TableReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A runner that lands the records in Iceberg tables from a process of its own.
 *
 * <p>Throughput: the clock runs from the process's start until the tables' committed snapshots hold
 * every source record (read from the snapshot summaries every second). Freshness: the process
 * starts at the end of the source topics, warms up, and takes the live load; the freshness of each
 * live record is read from the tables themselves.
 */
abstract class TableRunner implements Runner {
  private static final Duration BACKLOG_LIMIT = Duration.ofHours(1);

  /**
   * Time for a runner started at the end of the topics to start, join its group and get its
   * partitions.
   */
  static final Duration WARM_UP = Duration.ofSeconds(30);

  /**
   * Prepares empty destination tables and starts the process that fills them, its GC log in {@code
   * gcLog}.
   *
   * @param label names this run's tables, group and files
   * @param fromTheEnd start at the current end of the source topics instead of their beginning
   */
  protected abstract ChildJvm start(
      RunContext context, String label, Path gcLog, boolean fromTheEnd) throws Exception;

  /** The tables the run of this label writes. */
  protected abstract List<TableIdentifier> tables(String label);

  /** The longest time a record can wait for its commit once it has been read. */
  protected abstract Duration commitInterval();

  @Override
  public RunResult throughput(RunContext context, int run) throws Exception {
    String label = Integer.toString(run);
    Path gcLog = context.runDir().resolve("gc.log");
    long started = System.nanoTime();
    try (ChildJvm process = start(context, label, gcLog, false)) {
      waitForRows(process, context, label, context.sourceRecords(), BACKLOG_LIMIT, started);
      double seconds = (System.nanoTime() - started) / 1e9;
      Totals totals = totals(context, label);
      long peakRss = ProcessStats.peakRssBytes(process.pid());
      process.close();
      return new RunResult(
          name(),
          run,
          context.sourceRecords(),
          seconds,
          Math.round(context.sourceRecords() * context.averageValueBytes()),
          totals.snapshots,
          totals.files,
          totals.fileBytes,
          ProcessStats.peakHeapBytes(gcLog),
          peakRss,
          totals.rows);
    }
  }

  /**
   * Starts at the end of the topics, waits {@link #WARM_UP}, produces the live load and waits for
   * its last commit.
   */
  FreshnessResult freshness(RunContext context, int run) throws Exception {
    String label = "f" + run;
    try (ChildJvm process = start(context, label, context.runDir().resolve("gc.log"), true)) {
      Thread.sleep(WARM_UP.toMillis());
      if (!process.isAlive()) {
        throw new IllegalStateException(name() + " died:\n" + process.logTail(40));
      }
      long liveFrom = System.currentTimeMillis();
      long liveRecords = context.live().produce();
      waitForRows(
          process,
          context,
          label,
          liveRecords,
          commitInterval().plus(Duration.ofMinutes(3)),
          System.nanoTime());
      long[] freshness =
          tables(label).stream()
              .flatMapToLong(
                  id ->
                      LongStream.of(
                          TableReport.freshnessMillis(context.catalog().loadTable(id), liveFrom)))
              .sorted()
              .toArray();
      Totals totals = totals(context, label);
      return new FreshnessResult(
          name(), run, liveRecords, totals.rows, totals.snapshots, totals.files, freshness);
    }
  }

  private record Totals(long rows, long snapshots, long files, long fileBytes) {}

  private Totals totals(RunContext context, String label) {
    long rows = 0;
    long snapshots = 0;
    long files = 0;
    long fileBytes = 0;
    for (TableIdentifier id : tables(label)) {
      Table table = context.catalog().loadTable(id);
      TableReport.Counts counts = TableReport.counts(table);
      rows += counts.rows();
      snapshots += counts.snapshots();
      files += counts.dataFiles();
      Snapshot current = table.currentSnapshot();
      fileBytes +=
          current == null
              ? 0
              : Long.parseLong(current.summary().getOrDefault("total-files-size", "0"));
    }
    return new Totals(rows, snapshots, files, fileBytes);
  }

  private void waitForRows(
      ChildJvm process, RunContext context, String label, long expected, Duration limit, long since)
      throws InterruptedException {
    long lastPrint = System.nanoTime();
    while (true) {
      long rows = rows(context, label);
      if (rows >= expected) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name() + " died:\n" + process.logTail(40));
      }
      if (System.nanoTime() - since > limit.toNanos()) {
        throw new IllegalStateException(
            name()
                + " landed "
                + rows
                + " of "
                + expected
                + " rows in "
                + limit
                + "; log: "
                + process.logFile());
      }
      if (System.nanoTime() - lastPrint > 30e9) {
        context
            .out()
            .printf(
                "    %s: %,d / %,d rows committed after %.0f s%n",
                name(), rows, expected, (System.nanoTime() - since) / 1e9);
        lastPrint = System.nanoTime();
      }
      Thread.sleep(1_000);
    }
  }

  private long rows(RunContext context, String label) {
    long rows = 0;
    for (TableIdentifier id : tables(label)) {
      if (context.catalog().tableExists(id)) {
        rows += TableReport.counts(context.catalog().loadTable(id)).rows();
      }
    }
    return rows;
  }

  /** Sets a consumer group's offsets on {@code topics} to their current read_committed end. */
  static void startGroupAtTheEnd(RunContext context, String group, List<String> topics)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.settings().kafka().bootstrapServers()))) {
      List<String> existing =
          topics.stream().filter(admin.listTopics().names().get()::contains).toList();
      if (existing.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (TopicDescription topic : admin.describeTopics(existing).allTopicNames().get().values()) {
        topic
            .partitions()
            .forEach(
                p ->
                    request.put(
                        new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
      admin
          .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all()
          .get()
          .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(group, ends).all().get();
    }
  }
}
