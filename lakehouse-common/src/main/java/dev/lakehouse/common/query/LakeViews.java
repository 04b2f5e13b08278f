package dev.lakehouse.common.query;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.lake.LakeMarks;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The query layer's views, generated from the trusted tables' columns so that a new column reaches
 * them, each in every {@link SqlDialect}:
 *
 * <ul>
 *   <li>per versioned trusted table its current-row view {@code trusted.<table>_current}: per
 *       order, the rows of its highest {@code _version} (one row for the order and its status, the
 *       whole item set for the items and garnishes);
 *   <li>the analysts' datamarts in {@value #MART_NAMESPACE}: {@code orders} (each current order
 *       with its last status and the restaurant's local date), {@code order_items} (each current
 *       item with its order), {@code order_statuses} (the statuses pivot: one row per order, one
 *       column per status) and {@code daily_orders} (orders, cancellations and revenue per local
 *       day, state and restaurant).
 * </ul>
 *
 * <p>Pure: no I/O. Where the views are applied (Iceberg views, Athena and Redshift statements) is
 * the callers' business.
 */
public final class LakeViews {
  public static final String CURRENT_SUFFIX = "_current";
  public static final String MART_NAMESPACE = "mart";
  public static final String ORDER = "order";
  public static final String ORDER_STATUS = "order_status";
  public static final String ORDER_ITEM = "order_item";
  public static final String ORDER_ITEM_GARNISH = "order_item_garnish";
  public static final String ORDER_ID = "order_id";
  public static final String CANCELLED = "CANCELLED";

  private static final String TRUSTED = LakeLayout.TRUSTED_NAMESPACE;
  private static final String VERSION = LakeMarks.VERSION_COLUMN;

  /**
   * The revenue's type, spelled out: each engine widens a sum of decimals its own way (Spark to 10
   * more digits, Trino to 38), and Trino refuses a view whose stored column type its own query
   * cannot be coerced to.
   */
  private static final String REVENUE_TYPE = "DECIMAL(38, 2)";

  private static final String RANK = "_current_rank";
  private static final String CURRENT_VERSION = "_current_version";

  /** The status columns that the orders' datamart takes from the status table, not the order's. */
  private static final Set<String> ORDER_STATUS_PIVOT_EXTRAS =
      Set.of("merchant_id", "order_local_date", "delivery_address_state");

  /** Which rows of a version a current-row view keeps. */
  public enum Shape {
    ONE_ROW_PER_ORDER,
    ROWS_OF_THE_HIGHEST_VERSION
  }

  private LakeViews() {}

  /** The shape of each versioned trusted table's current-row view. */
  public static Map<String, Shape> versionedTables() {
    return Map.of(
        ORDER, Shape.ONE_ROW_PER_ORDER,
        ORDER_STATUS, Shape.ONE_ROW_PER_ORDER,
        ORDER_ITEM, Shape.ROWS_OF_THE_HIGHEST_VERSION,
        ORDER_ITEM_GARNISH, Shape.ROWS_OF_THE_HIGHEST_VERSION);
  }

  public static String currentViewName(String table) {
    return table + CURRENT_SUFFIX;
  }

  /**
   * The versioned trusted tables' columns that {@link #all} reads, keyed by table name, from where
   * the caller finds a table's column names in their order (a catalog's schema, or the schema the
   * Streams app creates the table with).
   */
  public static Map<String, TableColumns> trustedColumns(
      Function<String, List<String>> columnNames) {
    Map<String, TableColumns> columns = new LinkedHashMap<>();
    for (String table : List.of(ORDER, ORDER_STATUS, ORDER_ITEM, ORDER_ITEM_GARNISH)) {
      columns.put(
          table, new TableColumns(LakeLayout.TRUSTED_NAMESPACE, table, columnNames.apply(table)));
    }
    return columns;
  }

  /**
   * Every view, in the order they must be created (a view after those it reads), from the trusted
   * tables' columns keyed by table name ({@link #ORDER}, {@link #ORDER_STATUS}, {@link
   * #ORDER_ITEM}, {@link #ORDER_ITEM_GARNISH}).
   */
  public static List<LakeView> all(Map<String, TableColumns> trusted) {
    List<LakeView> views = new ArrayList<>();
    Map<String, Current> currents = new java.util.HashMap<>();
    for (String table : List.of(ORDER, ORDER_STATUS, ORDER_ITEM, ORDER_ITEM_GARNISH)) {
      TableColumns columns = require(trusted, table);
      LakeView view = current(columns, versionedTables().get(table));
      views.add(view);
      currents.put(table, new Current(view, columns.columns()));
    }
    Current order = currents.get(ORDER);
    Current status = currents.get(ORDER_STATUS);
    Current item = currents.get(ORDER_ITEM);
    views.add(orders(order, status));
    views.add(orderItems(item, order));
    views.add(orderStatuses(status, order));
    views.add(dailyOrders(order, status));
    return views;
  }

  /** The current-row view of a versioned trusted table. */
  public static LakeView current(TableColumns table, Shape shape) {
    Map<SqlDialect, String> queries = new EnumMap<>(SqlDialect.class);
    for (SqlDialect d : SqlDialect.values()) {
      String columns = list(table.columns(), d::quote);
      String from = d.table(table.namespace(), table.name());
      String orderId = d.quote(ORDER_ID);
      String version = d.quote(VERSION);
      queries.put(
          d,
          switch (shape) {
            case ONE_ROW_PER_ORDER ->
                "SELECT "
                    + columns
                    + " FROM (SELECT t.*, row_number() OVER (PARTITION BY "
                    + orderId
                    + " ORDER BY "
                    + version
                    + " DESC) AS "
                    + d.quote(RANK)
                    + " FROM "
                    + from
                    + " t) v WHERE "
                    + d.quote(RANK)
                    + " = 1";
            case ROWS_OF_THE_HIGHEST_VERSION ->
                "SELECT "
                    + columns
                    + " FROM (SELECT t.*, max("
                    + version
                    + ") OVER (PARTITION BY "
                    + orderId
                    + ") AS "
                    + d.quote(CURRENT_VERSION)
                    + " FROM "
                    + from
                    + " t) v WHERE "
                    + version
                    + " = "
                    + d.quote(CURRENT_VERSION);
          });
    }
    return new LakeView(
        table.namespace(),
        currentViewName(table.name()),
        "the current rows of "
            + table.namespace()
            + "."
            + table.name()
            + (shape == Shape.ONE_ROW_PER_ORDER
                ? " (one row per order_id: its highest _version)"
                : " (every row of each order_id's highest _version)"),
        List.of(table.namespace() + "." + table.name()),
        queries);
  }

  /**
   * Each current order with its last status from the status table (whose status columns replace the
   * order's own of the same name) and the restaurant's local date ({@code order_local_date}).
   */
  static LakeView orders(Current order, Current status) {
    List<String> fromStatus = businessColumns(status, Set.of(ORDER_ID));
    List<String> fromOrder = order.columns().stream().filter(c -> !fromStatus.contains(c)).toList();
    return joined(
        "orders",
        "each current order with its last status (from the status table) and the restaurant's local date",
        order,
        fromOrder,
        status,
        fromStatus);
  }

  /** Each current item with its order's columns that the item does not have itself. */
  static LakeView orderItems(Current item, Current order) {
    Set<String> own = new LinkedHashSet<>(item.columns());
    List<String> fromOrder =
        businessColumns(order, Set.of()).stream().filter(c -> !own.contains(c)).toList();
    return joined(
        "order_items", "each current item with its order", item, item.columns(), order, fromOrder);
  }

  /**
   * The statuses pivot: per order one row, with the time of each status in a column of its own, and
   * the order's restaurant, state and local date.
   */
  static LakeView orderStatuses(Current status, Current order) {
    List<String> fromStatus = businessColumns(status, Set.of());
    List<String> fromOrder =
        order.columns().stream()
            .filter(ORDER_STATUS_PIVOT_EXTRAS::contains)
            .filter(c -> !fromStatus.contains(c))
            .toList();
    return joined(
        "order_statuses",
        "the statuses pivot: one row per order, the time of each status in its own column",
        status,
        fromStatus,
        order,
        fromOrder);
  }

  /**
   * Per restaurant's local day, delivery state and restaurant: the orders, the cancelled ones, and
   * the revenue of those not cancelled.
   */
  static LakeView dailyOrders(Current order, Current status) {
    Map<SqlDialect, String> queries = new EnumMap<>(SqlDialect.class);
    for (SqlDialect d : SqlDialect.values()) {
      String keys =
          list(
              List.of("order_local_date", "delivery_address_state", "merchant_id"),
              c -> "o." + d.quote(c));
      String cancelled = "s." + d.quote("last_status") + " = '" + CANCELLED + "'";
      queries.put(
          d,
          "SELECT "
              + keys
              + ", count(*) AS "
              + d.quote("orders")
              + ", sum(CASE WHEN "
              + cancelled
              + " THEN 1 ELSE 0 END) AS "
              + d.quote("cancelled_orders")
              + ", CAST(sum(CASE WHEN "
              + cancelled
              + " THEN NULL ELSE o."
              + d.quote("order_total_amount")
              + " END) AS "
              + REVENUE_TYPE
              + ") AS "
              + d.quote("revenue")
              + " FROM "
              + order.from(d)
              + " o LEFT JOIN "
              + status.from(d)
              + " s ON s."
              + d.quote(ORDER_ID)
              + " = o."
              + d.quote(ORDER_ID)
              + " GROUP BY "
              + keys);
    }
    return new LakeView(
        MART_NAMESPACE,
        "daily_orders",
        "orders, cancelled orders and the revenue of the others per local day, delivery state and restaurant",
        List.of(order.view().qualifiedName(), status.view().qualifiedName()),
        queries);
  }

  /** {@code base} left-joined on {@code order_id} with {@code other}, the columns as listed. */
  private static LakeView joined(
      String name,
      String comment,
      Current base,
      List<String> baseColumns,
      Current other,
      List<String> otherColumns) {
    Map<SqlDialect, String> queries = new EnumMap<>(SqlDialect.class);
    for (SqlDialect d : SqlDialect.values()) {
      List<String> selected = new ArrayList<>();
      baseColumns.forEach(c -> selected.add("b." + d.quote(c)));
      otherColumns.forEach(c -> selected.add("x." + d.quote(c)));
      queries.put(
          d,
          "SELECT "
              + String.join(", ", selected)
              + " FROM "
              + base.from(d)
              + " b LEFT JOIN "
              + other.from(d)
              + " x ON x."
              + d.quote(ORDER_ID)
              + " = b."
              + d.quote(ORDER_ID));
    }
    return new LakeView(
        MART_NAMESPACE,
        name,
        comment,
        List.of(base.view().qualifiedName(), other.view().qualifiedName()),
        queries);
  }

  /**
   * The columns an analyst joins in: none of the versioning and lineage columns (those that start
   * with an underscore), none of {@code except}.
   */
  private static List<String> businessColumns(Current table, Set<String> except) {
    return table.columns().stream()
        .filter(c -> !c.startsWith("_"))
        .filter(c -> !except.contains(c))
        .toList();
  }

  /**
   * A current-row view and its columns (the table's), as a datamart reads it: by its name, or on
   * Redshift as a subquery of its own query, since a late-binding view there reads the external
   * tables themselves.
   */
  record Current(LakeView view, List<String> columns) {
    String from(SqlDialect d) {
      return d == SqlDialect.REDSHIFT
          ? "(" + view.query(d) + ")"
          : d.view(view.namespace(), view.name());
    }
  }

  private static TableColumns require(Map<String, TableColumns> trusted, String table) {
    TableColumns columns = trusted.get(table);
    if (columns == null) {
      throw new IllegalArgumentException("no columns for " + TRUSTED + "." + table);
    }
    return columns;
  }

  private static String list(List<String> columns, Function<String, String> quote) {
    return columns.stream().map(quote).collect(Collectors.joining(", "));
  }
}
