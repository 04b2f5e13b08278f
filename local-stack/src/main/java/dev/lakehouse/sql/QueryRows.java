package dev.lakehouse.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A query's answer as text: its column names in order, and each row's values as the engine prints
 * them (null for SQL NULL).
 */
public record QueryRows(List<String> columns, List<List<String>> rows) {
  public QueryRows {
    columns = List.copyOf(columns);
    List<List<String>> copied = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row of " + row.size() + " values for " + columns.size() + " columns");
      }
      copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = List.copyOf(copied);
  }

  /** The position of a column in each row. */
  public int column(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return index;
  }

  /** Reads a JDBC result to its end: labels as columns, every value by {@code getString}. */
  public static QueryRows read(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<String> columns = new ArrayList<>(meta.getColumnCount());
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      columns.add(meta.getColumnLabel(c));
    }
    List<List<String>> rows = new ArrayList<>();
    while (result.next()) {
      List<String> row = new ArrayList<>(columns.size());
      for (int c = 1; c <= columns.size(); c++) {
        row.add(result.getString(c));
      }
      rows.add(row);
    }
    return new QueryRows(columns, rows);
  }
}
