package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types.NestedField;

/** Reads the raw and trusted tables the way the trusted ITs check them. */
final class TrustedTableReads {
  private TrustedTableReads() {}

  /** The batch oracle over raw rows, with the stack's pseudonym key. */
  static TrustedOracle oracle(LocalStack stack, Map<Dataset, List<Record>> raw) {
    return oracle(stack.config().settingsFile(), raw);
  }

  /**
   * The batch oracle over raw rows, with the pseudonym key of the stack whose settings file is
   * {@code settingsFile}.
   */
  static TrustedOracle oracle(java.nio.file.Path settingsFile, Map<Dataset, List<Record>> raw) {
    return TrustedOracle.compute(
        dev.lakehouse.common.settings.TrustedSettings.load(settingsFile, Map.of()).pseudonymKey(),
        encoded(raw, Dataset.ORDER),
        encoded(raw, Dataset.ORDER_STATUS),
        encoded(raw, Dataset.CONSUMER),
        encoded(raw, Dataset.RESTAURANT));
  }

  /** Sums, over the tasks of {@code appId}, each task's latest data-quality measurement. */
  static Map<String, Long> latestQuality(Catalog catalog, String appId, Set<String> columns)
      throws Exception {
    Table table = catalog.loadTable(TrustedTables.DATA_QUALITY);
    Map<String, Record> latest = new HashMap<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(table).where(Expressions.equal("application_id", appId)).build()) {
      for (Record r : read) {
        latest.merge(
            (String) r.getField("stream_task"),
            r.copy(),
            (a, b) ->
                ((java.time.OffsetDateTime) a.getField("measured_at"))
                        .isAfter((java.time.OffsetDateTime) b.getField("measured_at"))
                    ? a
                    : b);
      }
    }
    Map<String, Long> sums = new TreeMap<>();
    for (String column : columns) {
      sums.put(column, latest.values().stream().mapToLong(r -> (Long) r.getField(column)).sum());
    }
    return sums;
  }

  static Map<Dataset, List<Record>> rawRows(Catalog catalog, String uriPrefix) throws Exception {
    Map<Dataset, List<Record>> rows = new HashMap<>();
    for (Dataset dataset : Dataset.values()) {
      Table table = catalog.loadTable(RawTableCatalog.identifier(dataset.contract()));
      List<Record> list = new ArrayList<>();
      try (CloseableIterable<Record> read =
          IcebergGenerics.read(table)
              .where(Expressions.startsWith(RawTables.SOURCE_URI, uriPrefix))
              .build()) {
        read.forEach(r -> list.add(r.copy()));
      }
      rows.put(dataset, list);
    }
    return rows;
  }

  static boolean rawComplete(Map<Dataset, List<Record>> raw, Map<Dataset, Long> expected) {
    return expected.entrySet().stream().allMatch(e -> raw.get(e.getKey()).size() == e.getValue());
  }

  /**
   * The raw rows as the trusted stage receives them: typed values in contract order with their
   * lineage.
   */
  static List<byte[]> encoded(Map<Dataset, List<Record>> raw, Dataset dataset) {
    RawRowCodec codec = new RawRowCodec(dataset.contract());
    List<byte[]> out = new ArrayList<>();
    for (Record r : raw.get(dataset)) {
      Map<String, Object> values = new HashMap<>();
      dataset.fieldNames().forEach(name -> values.put(name, r.getField(name)));
      out.add(
          codec.encode(
              values,
              new Lineage(
                  (String) r.getField(RawTables.SOURCE_TOPIC),
                  (Integer) r.getField(RawTables.SOURCE_PARTITION),
                  (Long) r.getField(RawTables.SOURCE_OFFSET),
                  ((java.time.OffsetDateTime) r.getField(RawTables.KAFKA_TIMESTAMP))
                      .toInstant()
                      .toEpochMilli(),
                  (String) r.getField(RawTables.SOURCE_URI),
                  (Long) r.getField(RawTables.SOURCE_LINE))));
    }
    return out;
  }

  /**
   * Per order, the clear personal values trusted must never hold: those of every copy of the order
   * and of its consumer (cpf, names, phone number, address id). Checked per order, so that one
   * order's zip code that happens to equal another's address id is not taken for a leak.
   */
  static Map<String, Set<String>> clearPersonalValuesByOrder(Map<Dataset, List<Record>> raw) {
    Map<String, Set<String>> byCustomer = new HashMap<>();
    for (Record r : raw.get(Dataset.CONSUMER)) {
      byCustomer
          .computeIfAbsent((String) r.getField("customer_id"), k -> new HashSet<>())
          .addAll(personal(Dataset.CONSUMER, r));
    }
    Map<String, Set<String>> byOrder = new HashMap<>();
    for (Record r : raw.get(Dataset.ORDER)) {
      Set<String> values =
          byOrder.computeIfAbsent((String) r.getField("order_id"), k -> new HashSet<>());
      values.addAll(personal(Dataset.ORDER, r));
      values.addAll(byCustomer.getOrDefault((String) r.getField("customer_id"), Set.of()));
    }
    return byOrder;
  }

  static List<String> personal(Dataset dataset, Record r) {
    return dataset.fields().stream()
        .filter(f -> f.personal())
        .map(f -> r.getField(f.name()))
        .filter(v -> v instanceof String text && !text.isBlank())
        .map(v -> (String) v)
        .toList();
  }

  static List<Record> all(
      Catalog catalog, TableIdentifier id, Set<String> orderIds, Set<String> statusIds)
      throws Exception {
    Table table = catalog.loadTable(id);
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
      for (Record r : read) {
        String orderId = (String) r.getField("order_id");
        if (orderIds.contains(orderId) || statusIds.contains(orderId)) {
          rows.add(r.copy());
        }
      }
    }
    return rows;
  }

  /**
   * The documented read path: per order_id, the rows of its highest _version, without the version
   * columns.
   */
  static Map<String, List<Map<String, Object>>> current(
      Catalog catalog, TableIdentifier id, Set<String> orderIds) throws Exception {
    List<Record> rows = all(catalog, id, orderIds, Set.of());
    Map<String, Long> highest = new HashMap<>();
    rows.forEach(
        r ->
            highest.merge(
                (String) r.getField("order_id"),
                (Long) r.getField(TrustedTables.VERSION),
                Math::max));
    Map<String, List<Map<String, Object>>> current = new TreeMap<>();
    Schema schema = catalog.loadTable(id).schema();
    for (Record r : rows) {
      String orderId = (String) r.getField("order_id");
      if (r.getField(TrustedTables.VERSION).equals(highest.get(orderId))) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (NestedField column : schema.columns()) {
          if (!List.of(TrustedTables.VERSION, TrustedTables.VERSIONED_AT, TrustedTables.CAUSED_AT)
              .contains(column.name())) {
            row.put(column.name(), r.getField(column.name()));
          }
        }
        current.computeIfAbsent(orderId, k -> new ArrayList<>()).add(row);
      }
    }
    current.values().forEach(list -> list.sort(TrustedOracle.emissionOrder()));
    return current;
  }
}
