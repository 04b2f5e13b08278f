package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.streams.report.TableReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Measures, while something else runs, the freshness the writer achieves on a raw table: every
 * second it reads the rows of the writer's appends it has not seen yet (those committed from {@code
 * fromMillis} on), before a nightly expiry can remove their snapshots. A snapshot whose files are
 * already gone when it comes to read them is counted as missed.
 */
final class FreshnessSampler implements AutoCloseable {
  private final Catalog catalog;
  private final TableIdentifier id;
  private final long fromMillis;
  private final Set<Long> seen = new HashSet<>();
  private final List<Long> latencies = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;
  private int missed;

  FreshnessSampler(Catalog catalog, TableIdentifier id, long fromMillis) {
    this.catalog = catalog;
    this.id = id;
    this.fromMillis = fromMillis;
    this.thread = new Thread(this::loop, "freshness-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!stopped) {
      sample();
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void sample() {
    Table table;
    try {
      table = catalog.loadTable(id);
    } catch (RuntimeException e) {
      return; // the catalog is busy: next second
    }
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      if (snapshot.timestampMillis() < fromMillis) {
        break;
      }
      if (!seen.add(snapshot.snapshotId())) {
        continue;
      }
      try {
        for (long latency :
            TableReport.freshnessMillis(table, snapshot, RawTables.KAFKA_TIMESTAMP, fromMillis)) {
          latencies.add(latency);
        }
      } catch (RuntimeException e) {
        missed++;
      }
    }
  }

  /** Stops sampling and returns the latencies seen, sorted, in milliseconds. */
  @Override
  public synchronized void close() throws InterruptedException {
    stopped = true;
    thread.interrupt();
    thread.join(10_000);
    sample();
  }

  synchronized long[] sortedMillis() {
    return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  synchronized int missedSnapshots() {
    return missed;
  }
}
