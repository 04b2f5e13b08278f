package dev.lakehouse.ingest.file;

/**
 * Tracks, byte by byte, whether a CSV record is inside a quoted cell, with the same rules as {@link
 * CsvCells}: a quote opens a cell only at the cell's start, a doubled quote inside is a quote, a
 * quote in the middle of an unquoted cell is text. Each byte is seen once, so deciding where a
 * record ends is linear in its length.
 */
final class CsvQuoteState {
  private static final int CELL_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private int state = CELL_START;
  private long steps;

  void feed(byte[] bytes) {
    for (byte b : bytes) {
      feed(b);
    }
    steps += bytes.length;
  }

  /** The line end between two physical lines of one record. */
  void newline() {
    feed((byte) '\n');
    steps++;
  }

  private void feed(byte b) {
    state =
        switch (state) {
          case CELL_START -> b == '"' ? QUOTED : b == ',' ? CELL_START : UNQUOTED;
          case UNQUOTED -> b == ',' ? CELL_START : UNQUOTED;
          case QUOTED -> b == '"' ? QUOTE_IN_QUOTED : QUOTED;
          default ->
              b == '"'
                  ? QUOTED
                  : b == ',' ? CELL_START : UNQUOTED; // after a quote inside a quoted cell
        };
  }

  /** Whether a quoted cell is open: the record goes on on the next line. */
  boolean open() {
    return state == QUOTED;
  }

  /** Bytes examined so far (a measure of the work done). */
  long steps() {
    return steps;
  }
}
