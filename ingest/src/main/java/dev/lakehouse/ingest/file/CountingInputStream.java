package dev.lakehouse.ingest.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.LongAdder;

/** Counts the bytes read through it (the stored, possibly compressed, bytes of a source file). */
final class CountingInputStream extends FilterInputStream {
  private final LongAdder counter;
  private long count;

  CountingInputStream(InputStream in, LongAdder counter) {
    super(in);
    this.counter = counter;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, length);
    if (read > 0) {
      add(read);
    }
    return read;
  }

  private void add(long n) {
    count += n;
    counter.add(n);
  }

  long count() {
    return count;
  }
}
