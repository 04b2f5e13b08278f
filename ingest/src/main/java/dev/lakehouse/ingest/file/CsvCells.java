package dev.lakehouse.ingest.file;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record (RFC 4180: comma separator, double quotes, doubled quotes inside) into
 * cells. An empty unquoted cell is null; a quoted one keeps its text, even when empty.
 */
final class CsvCells {
  private CsvCells() {}

  /** Thrown for a record whose quoting is broken. */
  static final class MalformedCsvException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedCsvException(String message) {
      super(message, null, false, false);
    }
  }

  static List<String> split(String record) throws MalformedCsvException {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    int n = record.length();
    while (true) {
      cell.setLength(0);
      if (i < n && record.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new MalformedCsvException("unterminated quoted cell " + (cells.size() + 1));
          }
          char c = record.charAt(i);
          if (c == '"') {
            if (i + 1 < n && record.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            cell.append(c);
            i++;
          }
        }
        cells.add(cell.toString());
        if (i < n && record.charAt(i) != ',') {
          throw new MalformedCsvException("text after the closing quote of cell " + cells.size());
        }
      } else {
        int start = i;
        while (i < n && record.charAt(i) != ',') {
          i++;
        }
        cells.add(i == start ? null : record.substring(start, i));
      }
      if (i >= n) {
        return cells;
      }
      i++; // the comma
    }
  }
}
