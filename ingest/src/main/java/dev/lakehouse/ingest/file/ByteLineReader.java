package dev.lakehouse.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it (so invalid UTF-8 can be kept verbatim), one
 * buffer at a time: files of any size stream through. A trailing '\r' is dropped. A last line
 * without a line end is a line. A line longer than {@code maxLineBytes} is never held whole: the
 * reader keeps its first bytes, counts the rest and hashes all of it on the way to the line end, so
 * memory stays bounded by the limit whatever the input. Bytes read after the last line end before a
 * read error are kept as {@link #partialLine()}.
 */
final class ByteLineReader {
  /**
   * A line: its 1-based number, the offset of its first byte, and its bytes (only the first ones
   * when {@link #tooLarge()}).
   */
  record Line(long number, long offset, byte[] bytes, long length, byte[] sha256) {
    boolean tooLarge() {
      return sha256 != null;
    }
  }

  private final InputStream in;
  private final int maxLineBytes;
  private final int keptPrefixBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] pending = new byte[256];
  private int pendingLength;
  private long lineNumber;
  private long offset;
  private long lineOffset;
  private boolean eof;
  private MessageDigest overflow;
  private long overflowLength;
  private boolean heldCr;

  ByteLineReader(InputStream in, RecordLimits limits) {
    this.in = in;
    this.maxLineBytes = limits.maxRecordBytes();
    this.keptPrefixBytes = limits.deadLetterPrefixBytes();
  }

  /** The next line, or null at the end of the stream. */
  Line next() throws IOException {
    pendingLength = 0;
    overflow = null;
    lineOffset = offset;
    while (true) {
      if (position == limit) {
        if (eof || !fill()) {
          eof = true;
          if (pendingLength == 0 && overflow == null) {
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
      int end = newline >= 0 ? newline : limit;
      append(start, end - start);
      position = newline >= 0 ? newline + 1 : limit;
      offset += position - start;
      if (newline >= 0) {
        lineNumber++;
        return take();
      }
    }
  }

  /** The number of the line last returned (1-based). */
  long lineNumber() {
    return lineNumber;
  }

  /**
   * The offset just after the last line returned and its line end (the whole stream at its end).
   */
  long consumed() {
    return offset;
  }

  /** The offset of the first byte after the last line returned: where a partial line starts. */
  long partialLineOffset() {
    return lineOffset;
  }

  /**
   * What was read after the last complete line when the stream failed (at most the line limit), or
   * an empty array.
   */
  byte[] partialLine() {
    return Arrays.copyOf(
        pending, Math.min(pendingLength, maxLineBytes)); // less a '\r' held over the limit
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

  /**
   * Adds bytes of the current line. The limit is on its content: a '\r' after {@code maxLineBytes}
   * bytes is held one byte over it, and counts only when more than the line end follows.
   */
  private void append(int from, int length) {
    if (overflow != null) {
      digest(from, length);
      return;
    }
    int total = pendingLength + length;
    byte last =
        length > 0 ? buffer[from + length - 1] : pendingLength > 0 ? pending[pendingLength - 1] : 0;
    if (total > maxLineBytes && !(total == maxLineBytes + 1 && last == '\r')) {
      if (pending.length < maxLineBytes) {
        pending = Arrays.copyOf(pending, maxLineBytes);
      }
      overflow = sha256();
      heldCr = false;
      int fit = Math.max(0, maxLineBytes - pendingLength);
      if (pendingLength > maxLineBytes) {
        heldCr =
            true; // the '\r' held over the limit was not the line end: digest() counts it first
      }
      System.arraycopy(buffer, from, pending, Math.min(pendingLength, maxLineBytes), fit);
      pendingLength = maxLineBytes;
      overflow.update(pending, 0, pendingLength);
      overflowLength = pendingLength;
      digest(from + fit, length - fit);
      return;
    }
    if (total > pending.length) {
      pending =
          Arrays.copyOf(pending, Math.min(maxLineBytes + 1, Math.max(pending.length * 2, total)));
    }
    System.arraycopy(buffer, from, pending, pendingLength, length);
    pendingLength = total;
  }

  /**
   * Hashes bytes of a too-large line, holding back a '\r' that may turn out to be the line's end.
   */
  private void digest(int from, int length) {
    if (length == 0) {
      return;
    }
    if (heldCr) {
      overflow.update((byte) '\r');
      overflowLength++;
    }
    heldCr = buffer[from + length - 1] == '\r';
    int counted = heldCr ? length - 1 : length;
    overflow.update(buffer, from, counted);
    overflowLength += counted;
  }

  private Line take() {
    if (overflow != null) {
      byte[] prefix = Arrays.copyOf(pending, Math.min(keptPrefixBytes, pendingLength));
      Line line = new Line(lineNumber, lineOffset, prefix, overflowLength, overflow.digest());
      overflow = null;
      pendingLength = 0;
      return line;
    }
    int length = pendingLength;
    if (length > 0 && pending[length - 1] == '\r') {
      length--;
    }
    byte[] bytes = Arrays.copyOf(pending, length);
    pendingLength = 0;
    return new Line(lineNumber, lineOffset, bytes, length, null);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
