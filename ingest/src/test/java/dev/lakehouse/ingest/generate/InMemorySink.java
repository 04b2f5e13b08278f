package dev.lakehouse.ingest.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sink keeping each file's bytes in memory, and the order files were opened and closed in. */
final class InMemorySink implements GeneratedFileSink {
  final Map<String, byte[]> files = new LinkedHashMap<>();
  final List<String> opened = new ArrayList<>();
  final List<String> closed = new ArrayList<>();

  @Override
  public synchronized OutputStream open(String fileName) {
    opened.add(fileName);
    return new ByteArrayOutputStream() {
      private boolean done;

      @Override
      public void close() throws IOException {
        super.close();
        synchronized (InMemorySink.this) {
          if (!done) {
            done = true;
            files.put(fileName, toByteArray());
            closed.add(fileName);
          }
        }
      }
    };
  }

  byte[] file(String fileName) {
    byte[] bytes = files.get(fileName);
    if (bytes == null) {
      throw new AssertionError("no file " + fileName + " among " + files.keySet());
    }
    return bytes;
  }
}
