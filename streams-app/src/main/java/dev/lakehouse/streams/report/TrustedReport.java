package dev.lakehouse.streams.report;

import dev.lakehouse.streams.trusted.TrustedTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * What the trusted tables hold, read the documented way (per order, the rows of its highest {@code
 * _version}): current rows per table and the data-quality figures of the current orders.
 */
public final class TrustedReport {
  private TrustedReport() {}

  /** Rows of all versions and of the current versions of one trusted table. */
  public record TableRows(long versions, long current, long orders) {}

  /** The quality of the current orders and statuses. */
  public record Quality(
      long orders,
      long missingConsumer,
      long missingRestaurant,
      long rejectedDuplicates,
      long statusRows,
      long invalidFlows) {}

  public static TableRows rows(Catalog catalog, TableIdentifier id) {
    Map<String, Long> highest = new HashMap<>();
    Map<String, Long> rowsAtHighest = new HashMap<>();
    long versions = 0;
    for (Record r : read(catalog.loadTable(id), "order_id", TrustedTables.VERSION)) {
      versions++;
      String order = (String) r.getField("order_id");
      long version = (Long) r.getField(TrustedTables.VERSION);
      Long known = highest.get(order);
      if (known == null || version > known) {
        highest.put(order, version);
        rowsAtHighest.put(order, 1L);
      } else if (version == known) {
        rowsAtHighest.merge(order, 1L, Long::sum);
      }
    }
    return new TableRows(
        versions, rowsAtHighest.values().stream().mapToLong(Long::longValue).sum(), highest.size());
  }

  public static Quality quality(Catalog catalog) {
    Map<String, Record> orders =
        current(
            catalog.loadTable(TrustedTables.ORDER),
            "order_id",
            TrustedTables.VERSION,
            "consumer_missing",
            "restaurant_missing",
            "rejected_copies");
    Map<String, Record> statuses =
        current(
            catalog.loadTable(TrustedTables.ORDER_STATUS),
            "order_id",
            TrustedTables.VERSION,
            "valid_flow");
    return new Quality(
        orders.size(),
        orders.values().stream()
            .filter(r -> Boolean.TRUE.equals(r.getField("consumer_missing")))
            .count(),
        orders.values().stream()
            .filter(r -> Boolean.TRUE.equals(r.getField("restaurant_missing")))
            .count(),
        orders.values().stream().filter(r -> ((Integer) r.getField("rejected_copies")) > 0).count(),
        statuses.size(),
        statuses.values().stream()
            .filter(r -> Boolean.FALSE.equals(r.getField("valid_flow")))
            .count());
  }

  /** The distinct order ids of a table (e.g. {@code raw.order}). */
  public static Set<String> orderIds(Table table) {
    Set<String> ids = new HashSet<>();
    for (Record r : read(table, "order_id")) {
      ids.add((String) r.getField("order_id"));
    }
    return ids;
  }

  private static Map<String, Record> current(Table table, String... columns) {
    Map<String, Record> current = new HashMap<>();
    for (Record r : read(table, columns)) {
      current.merge(
          (String) r.getField("order_id"),
          r,
          (a, b) ->
              (Long) a.getField(TrustedTables.VERSION) >= (Long) b.getField(TrustedTables.VERSION)
                  ? a
                  : b);
    }
    return current;
  }

  private static Iterable<Record> read(Table table, String... columns) {
    table.refresh();
    java.util.List<Record> rows = new java.util.ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).select(columns).build()) {
      read.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
