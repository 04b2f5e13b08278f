package dev.lakehouse.ingest.generate;

/**
 * Renders RFC 4180 CSV lines: comma separated, a cell quoted only when it holds a comma, a quote,
 * CR or LF, inner quotes doubled, a null cell empty.
 */
final class CsvLineWriter {
  private CsvLineWriter() {}

  static void appendRow(StringBuilder out, String[] cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      appendCell(out, cells[i]);
    }
  }

  static String row(String[] cells) {
    StringBuilder out = new StringBuilder(128);
    appendRow(out, cells);
    return out.toString();
  }

  static void appendCell(StringBuilder out, String cell) {
    if (cell == null) {
      return;
    }
    if (!needsQuotes(cell)) {
      out.append(cell);
      return;
    }
    out.append('"');
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static boolean needsQuotes(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
