package dev.lakehouse.ingest.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip at {@link Deflater#BEST_SPEED} with a 256 KiB output buffer. Java's gzip header carries no
 * time and no name, so the same input always gives the same bytes.
 */
final class FastGzipOutputStream extends GZIPOutputStream {
  static final int BUFFER_BYTES = 256 * 1024;

  FastGzipOutputStream(OutputStream out) throws IOException {
    super(out, BUFFER_BYTES);
    def.setLevel(Deflater.BEST_SPEED);
  }
}
