package dev.lakehouse.cli;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.report.TableReport;
import dev.lakehouse.streams.report.TrustedReport;
import dev.lakehouse.streams.trusted.TrustedTables;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What the demo checks once its nightly run is over: every raw table still holds each record once,
 * and every versioned trusted table holds only its current rows, the same as before the run.
 */
final class NightlyCheck {
  static final List<TableIdentifier> VERSIONED =
      List.of(
          TrustedTables.ORDER,
          TrustedTables.ORDER_STATUS,
          TrustedTables.ORDER_ITEM,
          TrustedTables.ORDER_ITEM_GARNISH);

  private final Catalog catalog;
  private final Map<TableIdentifier, TrustedReport.TableRows> before = new LinkedHashMap<>();

  /** Reads the trusted tables' rows as they are before the nightly run. */
  NightlyCheck(Catalog catalog) {
    this.catalog = catalog;
    VERSIONED.forEach(id -> before.put(id, TrustedReport.rows(catalog, id)));
  }

  boolean print(DemoExpectations expected, PrintStream out) {
    boolean ok = true;
    out.println();
    out.printf("%-28s %12s %12s %7s%n", "after the nightly run", "rows", "expected", "files");
    for (Dataset dataset : Dataset.values()) {
      TableIdentifier id = RawTableCatalog.identifier(dataset.contract());
      ok &= printRaw(id, expected.rows(dataset), out);
    }
    ok &= printRaw(DeadLetterTable.IDENTIFIER, expected.totalDeadLetters(), out);
    for (TableIdentifier id : VERSIONED) {
      TrustedReport.TableRows now = TrustedReport.rows(catalog, id);
      TrustedReport.TableRows was = before.get(id);
      boolean current =
          now.versions() == now.current()
              && now.current() == was.current()
              && now.orders() == was.orders();
      ok &= current;
      out.printf(
          "%-28s %12s %12s %7d   %s%n",
          id,
          String.format("%,d", now.versions()),
          String.format("%,d", was.current()),
          TableReport.counts(catalog.loadTable(id)).dataFiles(),
          current
              ? String.format("only current rows (were %,d versions)", was.versions())
              : "NOT only the current rows");
    }
    out.println();
    out.println(
        ok
            ? "after the nightly run every record is still in its raw table once, and every trusted"
                + " table holds only its current rows."
            : "the nightly run changed what the tables hold: see above.");
    return ok;
  }

  private boolean printRaw(TableIdentifier id, long expected, PrintStream out) {
    TableReport.Counts counts = TableReport.counts(catalog.loadTable(id));
    out.printf(
        "%-28s %12s %12s %7d%s%n",
        id,
        String.format("%,d", counts.rows()),
        String.format("%,d", expected),
        counts.dataFiles(),
        counts.rows() == expected ? "" : "   MISMATCH");
    return counts.rows() == expected;
  }
}
