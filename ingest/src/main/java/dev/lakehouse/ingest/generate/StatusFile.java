package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes status.json.gz: every order's status rows, shuffled within a window of {@value #WINDOW}
 * rows so an order's events are not in time order in the file.
 */
final class StatusFile {
  static final int WINDOW = 128;

  private final GenerationContext context;

  StatusFile(GenerationContext context) {
    this.context = context;
  }

  FileManifest write(OutputStream raw) throws IOException {
    Dataset dataset = Dataset.ORDER_STATUS;
    JsonLinesFileWriter file =
        new JsonLinesFileWriter(
            raw, dataset.fileName(), dataset, context.options().badRate(), context.streams());
    try (file) {
      StatusRowsWriter rows = new StatusRowsWriter(context.streams());
      ShuffleWindow window =
          new ShuffleWindow(WINDOW, context.streams().of(RandomStreams.Purpose.STATUS_SHUFFLE, 0));
      long orders = context.options().orders();
      for (long i = 0; i < orders; i++) {
        int count = rows.render(context.order(i));
        for (int k = 0; k < count; k++) {
          String out = window.push(rows.row(k));
          if (out != null) {
            file.write(out);
          }
        }
      }
      for (String out = window.poll(); out != null; out = window.poll()) {
        file.write(out);
      }
    }
    return file.manifest();
  }
}
