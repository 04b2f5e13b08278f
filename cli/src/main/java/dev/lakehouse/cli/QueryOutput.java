package dev.lakehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.sql.QueryRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code ./lakehouse sql} prints a query's answer: an aligned table, CSV (RFC 4180) or JSON
 * Lines; a null value is {@code NULL}, an empty field and {@code null} in turn.
 */
final class QueryOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The output formats of {@code --format}. */
  enum Format {
    TABLE,
    CSV,
    JSON
  }

  private final List<String> columns;
  private final List<List<String>> rows;

  private QueryOutput(QueryRows answer) {
    this.columns = answer.columns();
    this.rows = answer.rows();
  }

  static String render(QueryRows answer, Format format) {
    return new QueryOutput(answer).render(format);
  }

  private String render(Format format) {
    return switch (format) {
      case TABLE -> table();
      case CSV -> csv();
      case JSON -> jsonLines();
    };
  }

  private String table() {
    int[] widths = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], shown(row.get(c)).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, columns, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    out.append(String.join("-+-", rule)).append('\n');
    for (List<String> row : rows) {
      line(out, row.stream().map(QueryOutput::shown).toList(), widths);
    }
    out.append(
        String.format(Locale.ROOT, "(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s"));
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> values, int[] widths) {
    List<String> cells = new ArrayList<>();
    for (int c = 0; c < values.size(); c++) {
      cells.add(String.format(Locale.ROOT, "%-" + widths[c] + "s", values.get(c)));
    }
    out.append(String.join(" | ", cells).stripTrailing()).append('\n');
  }

  private static String shown(String value) {
    return value == null ? "NULL" : value.replace("\n", "\\n");
  }

  private String csv() {
    StringBuilder out = new StringBuilder();
    out.append(csvLine(columns));
    rows.forEach(row -> out.append(csvLine(row)));
    return out.toString();
  }

  /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
  private static String csvLine(List<String> values) {
    List<String> fields = new ArrayList<>();
    for (String value : values) {
      if (value == null) {
        fields.add("");
      } else if (value.contains(",")
          || value.contains("\"")
          || value.contains("\n")
          || value.contains("\r")) {
        fields.add("\"" + value.replace("\"", "\"\"") + "\"");
      } else {
        fields.add(value);
      }
    }
    return String.join(",", fields) + "\r\n";
  }

  private String jsonLines() {
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      Map<String, String> object = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        object.put(columns.get(c), row.get(c));
      }
      try {
        out.append(JSON.writeValueAsString(object)).append('\n');
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write a row as JSON: " + e.getMessage(), e);
      }
    }
    return out.toString();
  }
}
