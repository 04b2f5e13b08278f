package dev.lakehouse.ingest.generate;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where {@link FoodDeliveryGenerator} writes its files: one output stream per file name. The caller
 * (the generator) closes each stream it opened. Files are opened one after the other, from the
 * thread that called {@link FoodDeliveryGenerator#generate}; a stream may then be written and
 * closed by a thread of the generator's (one thread at a time), and is closed before the next file
 * is opened.
 */
@FunctionalInterface
public interface GeneratedFileSink {
  /**
   * A new, empty stream for the file {@code fileName} (a bare name such as {@code order.json.gz}).
   */
  OutputStream open(String fileName) throws IOException;
}
