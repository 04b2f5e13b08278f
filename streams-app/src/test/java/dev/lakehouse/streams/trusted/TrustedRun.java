package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The trusted stage fed with inputs and read back as rows: through the topology, or the core. */
interface TrustedRun extends AutoCloseable {
  void pipe(Dataset dataset, String key, byte[] value);

  /** Every version emitted so far on a rows topic (after emitting what is due), decoded. */
  List<Map<String, Object>> versions(String topic);

  /** The data-quality counters by column, after emitting what is due. */
  Map<String, Object> measureQuality();

  @Override
  void close();

  /**
   * The read path: per order_id, the rows of its highest version, without the version columns.
   * Sorted by order id, rows in emission order.
   */
  default Map<String, List<Map<String, Object>>> current(String topic) {
    List<Map<String, Object>> versions = versions(topic);
    Map<String, Long> highest = new HashMap<>();
    for (Map<String, Object> row : versions) {
      highest.merge((String) row.get("order_id"), (Long) row.get(TrustedTables.VERSION), Math::max);
    }
    Map<String, List<Map<String, Object>>> current = new TreeMap<>();
    for (Map<String, Object> row : versions) {
      String orderId = (String) row.get("order_id");
      if (row.get(TrustedTables.VERSION).equals(highest.get(orderId))) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
        copy.remove(TrustedTables.VERSION);
        copy.remove(TrustedTables.VERSIONED_AT);
        copy.remove(TrustedTables.CAUSED_AT);
        current.computeIfAbsent(orderId, id -> new java.util.ArrayList<>()).add(copy);
      }
    }
    return current;
  }
}
