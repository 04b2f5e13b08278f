package dev.lakehouse.ingest.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The gzip-compressed bytes of a {@link LineSource}, produced on demand as they are read: a file of
 * any size can be compressed, measured or cut without being held in memory.
 */
final class GzipLinesInputStream extends InputStream {
  /** Compressed bytes waiting to be read. */
  private static final class Pending extends OutputStream {
    private byte[] bytes = new byte[64 * 1024];
    private int start;
    private int end;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (end + len > bytes.length) {
        int held = end - start;
        if (held + len > bytes.length) {
          bytes = Arrays.copyOfRange(bytes, start, start + Math.max(bytes.length * 2, held + len));
        } else {
          System.arraycopy(bytes, start, bytes, 0, held);
        }
        start = 0;
        end = held;
      }
      System.arraycopy(b, off, bytes, end, len);
      end += len;
    }
  }

  private final LineSource source;
  private final Pending pending = new Pending();
  private final Utf8LineOutput lines;
  private final StringBuilder line = new StringBuilder(8192);
  private boolean finished;

  GzipLinesInputStream(LineSource source) throws IOException {
    this.source = source;
    this.lines = new Utf8LineOutput(new FastGzipOutputStream(pending));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pending.end == pending.start) {
      if (finished) {
        return -1;
      }
      if (source.next(line)) {
        lines.writeLine(line);
      } else {
        lines.close();
        finished = true;
      }
    }
    int n = Math.min(len, pending.end - pending.start);
    System.arraycopy(pending.bytes, pending.start, b, off, n);
    pending.start += n;
    return n;
  }
}
