package dev.lakehouse.cli;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.report.TableReport;
import dev.lakehouse.streams.report.TrustedReport;
import dev.lakehouse.streams.trusted.TrustedTables;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Prints what the demo's tables hold against what they must hold; says whether every count is
 * exact.
 */
final class DemoReport {
  private final Catalog catalog;
  private final DemoExpectations expected;
  private final long liveFromMillis;

  /**
   * @param liveFromMillis when the live phase began (freshness is measured on it), or -1 without
   *     one
   */
  DemoReport(Catalog catalog, DemoExpectations expected, long liveFromMillis) {
    this.catalog = catalog;
    this.expected = expected;
    this.liveFromMillis = liveFromMillis;
  }

  boolean print(PrintStream out) {
    boolean exact = true;
    out.println();
    out.printf(
        "%-18s %12s %12s %7s %10s   %s%n",
        "table",
        "rows",
        "expected",
        "files",
        "snapshots",
        liveFromMillis >= 0 ? "freshness of live records p50 / p99 / max" : "");
    for (Dataset dataset : Dataset.values()) {
      Table table = catalog.loadTable(RawTableCatalog.identifier(dataset.contract()));
      TableReport.Counts counts = TableReport.counts(table);
      exact &= counts.rows() == expected.rows(dataset);
      String freshness = "";
      if (liveFromMillis >= 0) {
        long[] millis = TableReport.freshnessMillis(table, liveFromMillis);
        freshness =
            millis.length == 0
                ? "(no live records)"
                : String.format(
                    "%.1f s / %.1f s / %.1f s  (%,d records)",
                    TableReport.quantile(millis, 0.5) / 1000.0,
                    TableReport.quantile(millis, 0.99) / 1000.0,
                    millis[millis.length - 1] / 1000.0,
                    millis.length);
      }
      out.printf(
          "%-18s %,12d %,12d %7d %10d   %s%n",
          "raw." + dataset.datasetName(),
          counts.rows(),
          expected.rows(dataset),
          counts.dataFiles(),
          counts.snapshots(),
          freshness);
    }
    Table deadLetters = catalog.loadTable(DeadLetterTable.IDENTIFIER);
    TableReport.Counts counts = TableReport.counts(deadLetters);
    exact &= counts.rows() == expected.totalDeadLetters();
    out.printf(
        "%-18s %,12d %,12d %7d %10d%n",
        "raw.dead_letters",
        counts.rows(),
        expected.totalDeadLetters(),
        counts.dataFiles(),
        counts.snapshots());

    out.println();
    out.println("dead letters by stage and reason:");
    Map<String, Long> landed = deadLettersByReason(deadLetters);
    landed.forEach((key, count) -> out.printf("  %-32s %,8d%n", key, count));
    long rawLanded =
        landed.entrySet().stream()
            .filter(e -> e.getKey().startsWith("raw/"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    exact &= rawLanded == expected.deadLetters().getOrDefault("raw/*", 0L);
    for (Map.Entry<String, Long> entry : expected.deadLetters().entrySet()) {
      if (entry.getKey().startsWith("ingest/")) {
        exact &= entry.getValue().equals(landed.get(entry.getKey()));
      }
    }
    out.println();
    out.println(
        exact
            ? String.format(
                "every source record landed exactly once: %,d rows and %,d dead letters, as generated.",
                expected.totalRows(), expected.totalDeadLetters())
            : "MISMATCH: the tables do not hold exactly what was generated (see the expected column).");
    return printTrusted(out) && exact;
  }

  /**
   * The trusted tables read the documented way (highest version per order), and the quality of the
   * current orders.
   */
  private boolean printTrusted(PrintStream out) {
    out.println();
    out.printf(
        "%-26s %10s %10s %10s %7s %10s   %s%n",
        "table",
        "versions",
        "current",
        "orders",
        "files",
        "snapshots",
        liveFromMillis >= 0 ? "freshness of live versions p50 / p99 / max" : "");
    for (TableIdentifier id :
        List.of(
            TrustedTables.ORDER,
            TrustedTables.ORDER_STATUS,
            TrustedTables.ORDER_ITEM,
            TrustedTables.ORDER_ITEM_GARNISH)) {
      Table table = catalog.loadTable(id);
      TrustedReport.TableRows rows = TrustedReport.rows(catalog, id);
      TableReport.Counts counts = TableReport.counts(table);
      String freshness = "";
      if (liveFromMillis >= 0) {
        long[] millis = TableReport.freshnessMillis(table, TrustedTables.CAUSED_AT, liveFromMillis);
        freshness =
            millis.length == 0
                ? "(no live versions)"
                : String.format(
                    "%.1f s / %.1f s / %.1f s  (%,d versions)",
                    TableReport.quantile(millis, 0.5) / 1000.0,
                    TableReport.quantile(millis, 0.99) / 1000.0,
                    millis[millis.length - 1] / 1000.0,
                    millis.length);
      }
      out.printf(
          "%-26s %,10d %,10d %,10d %7d %10d   %s%n",
          id,
          rows.versions(),
          rows.current(),
          rows.orders(),
          counts.dataFiles(),
          counts.snapshots(),
          freshness);
    }
    long rawOrders =
        TrustedReport.orderIds(
                catalog.loadTable(RawTableCatalog.identifier(Dataset.ORDER.contract())))
            .size();
    TrustedReport.Quality quality = TrustedReport.quality(catalog);
    out.printf(
        "%ncurrent orders %,d (raw.order holds %,d order ids); waiting for a consumer %,d, for a restaurant %,d;%n"
            + "with a rejected duplicate copy %,d; status rows %,d, of which invalid flows %,d%n",
        quality.orders(),
        rawOrders,
        quality.missingConsumer(),
        quality.missingRestaurant(),
        quality.rejectedDuplicates(),
        quality.statusRows(),
        quality.invalidFlows());
    boolean exact = quality.orders() == rawOrders;
    if (!exact) {
      out.println("MISMATCH: trusted.order does not hold one current row per order of raw.order.");
    }
    return exact;
  }

  private static Map<String, Long> deadLettersByReason(Table table) {
    Map<String, Long> byReason = new TreeMap<>();
    try (CloseableIterable<Record> rows =
        IcebergGenerics.read(table).select(DeadLetterTable.STAGE, DeadLetterTable.REASON).build()) {
      for (Record row : rows) {
        byReason.merge(
            row.getField(DeadLetterTable.STAGE) + "/" + row.getField(DeadLetterTable.REASON),
            1L,
            Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byReason;
  }
}
