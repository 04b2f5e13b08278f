package dev.lakehouse.common.query;

import java.util.List;

/** A table of the lake and its columns, in their order: what a view is generated from. */
public record TableColumns(String namespace, String name, List<String> columns) {
  public TableColumns {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(namespace + "." + name + " has no columns");
    }
  }

  public boolean has(String column) {
    return columns.contains(column);
  }
}
