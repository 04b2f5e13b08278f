package dev.lakehouse.common.query;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A view of the query layer: its name, what it holds, the tables and views it reads, and its query
 * in each dialect (a {@code SELECT}, without the {@code CREATE VIEW} around it).
 */
public record LakeView(
    String namespace,
    String name,
    String comment,
    List<String> reads,
    Map<SqlDialect, String> queries) {
  public LakeView {
    reads = List.copyOf(reads);
    EnumMap<SqlDialect, String> copy = new EnumMap<>(SqlDialect.class);
    copy.putAll(queries);
    for (SqlDialect dialect : SqlDialect.values()) {
      if (!copy.containsKey(dialect)) {
        throw new IllegalArgumentException(
            namespace + "." + name + " has no " + dialect + " query");
      }
    }
    queries = Map.copyOf(copy);
  }

  public String query(SqlDialect dialect) {
    return queries.get(dialect);
  }

  /** {@code namespace.name}. */
  public String qualifiedName() {
    return namespace + "." + name;
  }
}
