package dev.lakehouse.ingest.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes lines to UTF-8 into a 256 KiB buffer and writes the buffer to a stream when full; each
 * line ends with '\n'. Raw byte lines (bad ones) are written as they are. Closing closes the
 * stream.
 */
final class Utf8LineOutput implements Closeable {
  private static final int BUFFER_BYTES = 256 * 1024;

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private char[] chars = new char[4096];
  private int position;

  Utf8LineOutput(OutputStream out) {
    this.out = out;
  }

  /** Writes {@code line} (which holds no '\n') and a newline. */
  void writeLine(CharSequence line) throws IOException {
    int length = line.length();
    if (length > chars.length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    if (line instanceof StringBuilder builder) {
      builder.getChars(0, length, chars, 0);
    } else if (line instanceof String text) {
      text.getChars(0, length, chars, 0);
    } else {
      for (int i = 0; i < length; i++) {
        chars[i] = line.charAt(i);
      }
    }
    if (position + length * 3 + 1 > buffer.length) {
      flushBuffer();
      if (length * 3 + 1 > buffer.length) {
        writeLine(new String(chars, 0, length).getBytes(StandardCharsets.UTF_8));
        return;
      }
    }
    byte[] b = buffer;
    int p = position;
    char[] source = chars;
    for (int i = 0; i < length; i++) {
      char c = source[i];
      if (c < 0x80) {
        b[p++] = (byte) c;
        while (i + 1 < length && source[i + 1] < 0x80) {
          b[p++] = (byte) source[++i];
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(source[i + 1])) {
        int codePoint = Character.toCodePoint(c, source[++i]);
        b[p++] = (byte) (0xF0 | (codePoint >> 18));
        b[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (codePoint & 0x3F));
      } else if (Character.isSurrogate(c)) {
        b[p++] = '?';
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[p++] = '\n';
    position = p;
  }

  /** Writes the bytes of one line (no '\n' inside) and a newline. */
  void writeLine(byte[] line) throws IOException {
    if (position + line.length + 1 > buffer.length) {
      flushBuffer();
    }
    if (line.length + 1 > buffer.length) {
      out.write(line);
    } else {
      System.arraycopy(line, 0, buffer, position, line.length);
      position += line.length;
    }
    buffer[position++] = '\n';
  }

  private void flushBuffer() throws IOException {
    if (position > 0) {
      out.write(buffer, 0, position);
      position = 0;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
