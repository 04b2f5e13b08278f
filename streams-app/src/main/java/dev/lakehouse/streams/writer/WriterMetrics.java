package dev.lakehouse.streams.writer;

import dev.lakehouse.streams.iceberg.CommitDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.DataFile;

/**
 * The Iceberg writer's meters, per table (label {@code table}, e.g. {@code raw.order}). Published
 * in Prometheus format by the app's HTTP endpoint; see docs/streams-app.md for the list.
 */
public final class WriterMetrics {
  private final MeterRegistry registry;
  private final Map<String, TableMeters> tables = new ConcurrentHashMap<>();
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();

  public WriterMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private TableMeters meters(String table) {
    return tables.computeIfAbsent(table, t -> new TableMeters(registry, t));
  }

  void recordsIn(String table, long count) {
    meters(table).recordsIn.increment(count);
  }

  void committed(
      String table,
      List<DataFile> files,
      long commitNanos,
      long[] sourceTimestamps,
      long committedAtMillis) {
    TableMeters m = meters(table);
    m.commits.increment();
    m.commitLatency.record(commitNanos, TimeUnit.NANOSECONDS);
    m.files.increment(files.size());
    long rows = 0;
    long bytes = 0;
    for (DataFile file : files) {
      rows += file.recordCount();
      bytes += file.fileSizeInBytes();
    }
    m.rowsCommitted.increment(rows);
    m.bytes.increment(bytes);
    for (long timestamp : sourceTimestamps) {
      m.freshness.record(Math.max(0, committedAtMillis - timestamp), TimeUnit.MILLISECONDS);
    }
    m.lastCommitMillis.set(committedAtMillis);
  }

  void refused(String table, CommitDecision.Verdict verdict) {
    meters(table)
        .refused
        .computeIfAbsent(
            verdict,
            v ->
                Counter.builder("lakehouse.writer.batches.refused")
                    .description(
                        "batches not committed because the table already held them or another writer overtook them")
                    .tag("table", table)
                    .tag("verdict", v.name().toLowerCase())
                    .register(registry))
        .increment();
  }

  /** Dead letters landed in the dead-letter table, by {@code stage/reason}. */
  void deadLetters(Map<String, Long> byStageAndReason) {
    byStageAndReason.forEach(
        (key, count) ->
            deadLetters
                .computeIfAbsent(
                    key,
                    k -> {
                      int slash = k.indexOf('/');
                      return Counter.builder("lakehouse.dead.letters")
                          .description("dead letters landed in raw.dead_letters")
                          .tag("stage", k.substring(0, slash))
                          .tag("reason", k.substring(slash + 1))
                          .register(registry);
                    })
                .increment(count));
  }

  void lag(String table, long records) {
    meters(table).lag.set(records);
  }

  /** Records waiting in the input topics of each table, as of the writer's last commit. */
  public Map<String, Long> writerLag() {
    Map<String, Long> lag = new java.util.TreeMap<>();
    tables.forEach((table, meters) -> lag.put(table, meters.lag.get()));
    return lag;
  }

  public long rowsCommitted(String table) {
    return (long) meters(table).rowsCommitted.count();
  }

  public long refusedBatches(String table) {
    return (long) meters(table).refused.values().stream().mapToDouble(Counter::count).sum();
  }

  /** Milliseconds since the epoch of the table's last commit by this writer, 0 before the first. */
  public long lastCommitMillis(String table) {
    return meters(table).lastCommitMillis.get();
  }

  public Timer freshness(String table) {
    return meters(table).freshness;
  }

  private static final class TableMeters {
    final Counter recordsIn;
    final Counter rowsCommitted;
    final Counter commits;
    final Counter files;
    final Counter bytes;
    final Timer commitLatency;
    final Timer freshness;
    final AtomicLong lag = new AtomicLong();
    final AtomicLong lastCommitMillis = new AtomicLong();
    final Map<CommitDecision.Verdict, Counter> refused = new ConcurrentHashMap<>();

    TableMeters(MeterRegistry registry, String table) {
      recordsIn =
          Counter.builder("lakehouse.writer.records.in")
              .description("records read from the table's input topics")
              .tag("table", table)
              .register(registry);
      rowsCommitted =
          Counter.builder("lakehouse.writer.rows.committed")
              .description("rows committed to the table")
              .tag("table", table)
              .register(registry);
      commits =
          Counter.builder("lakehouse.writer.commits")
              .description("Iceberg commits (snapshots) made")
              .tag("table", table)
              .register(registry);
      files =
          Counter.builder("lakehouse.writer.files")
              .description("data files committed")
              .tag("table", table)
              .register(registry);
      bytes =
          Counter.builder("lakehouse.writer.bytes")
              .baseUnit("bytes")
              .description("bytes of data files committed")
              .tag("table", table)
              .register(registry);
      commitLatency =
          Timer.builder("lakehouse.writer.commit.latency")
              .description("closing the batch's files and committing them")
              .tag("table", table)
              .publishPercentiles(0.5, 0.99)
              .register(registry);
      freshness =
          Timer.builder("lakehouse.freshness")
              .description(
                  "from a record's Kafka timestamp on its source topic to the commit that made it visible")
              .tag("table", table)
              .publishPercentiles(0.5, 0.99)
              .distributionStatisticExpiry(Duration.ofMinutes(2))
              .register(registry);
      Gauge.builder("lakehouse.writer.lag", lag, AtomicLong::get)
          .baseUnit("records")
          .description("records in the input topics not yet read by the writer")
          .tag("table", table)
          .register(registry);
      Gauge.builder("lakehouse.writer.last.commit", lastCommitMillis, v -> v.get() / 1000.0)
          .baseUnit("seconds")
          .description("epoch seconds of the writer's last commit")
          .tag("table", table)
          .register(registry);
    }
  }
}
