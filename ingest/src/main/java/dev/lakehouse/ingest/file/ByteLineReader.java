package dev.lakehouse.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it (so invalid UTF-8 can be kept verbatim), one
 * buffer at a time: files of any size stream through. A trailing '\r' is dropped. Bytes read after
 * the last newline before a read error are kept as {@link #partialLine()}.
 */
final class ByteLineReader {
  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] pending = new byte[256];
  private int pendingLength;
  private long lineNumber;
  private boolean eof;

  ByteLineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the stream. */
  byte[] next() throws IOException {
    pendingLength = 0;
    while (true) {
      if (position == limit) {
        if (eof || !fill()) {
          eof = true;
          if (pendingLength == 0) {
            return null;
          }
          lineNumber++;
          return take();
        }
      }
      int start = position;
      int newline = -1;
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      if (newline >= 0) {
        append(start, newline - start);
        position = newline + 1;
        lineNumber++;
        return take();
      }
      append(start, limit - start);
      position = limit;
    }
  }

  /** The number of the line last returned (1-based). */
  long lineNumber() {
    return lineNumber;
  }

  /** What was read after the last complete line when the stream failed, or an empty array. */
  byte[] partialLine() {
    return Arrays.copyOf(pending, pendingLength);
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    if (read < 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  private void append(int from, int length) {
    if (pendingLength + length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
    }
    System.arraycopy(buffer, from, pending, pendingLength, length);
    pendingLength += length;
  }

  private byte[] take() {
    int length = pendingLength;
    if (length > 0 && pending[length - 1] == '\r') {
      length--;
    }
    byte[] line = Arrays.copyOf(pending, length);
    pendingLength = 0;
    return line;
  }
}
