package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes consumer.csv.gz: one row per consumer, ids unique, some names empty or needing CSV quotes.
 */
final class ConsumerFile {
  private final GenerationContext context;

  ConsumerFile(GenerationContext context) {
    this.context = context;
  }

  FileManifest write(OutputStream raw) throws IOException {
    Dataset dataset = Dataset.CONSUMER;
    CsvFileWriter file =
        new CsvFileWriter(
            raw, dataset.fileName(), dataset, context.options().badRate(), context.streams());
    try (file) {
      String[] cells = new String[dataset.fieldNames().size()];
      long consumers = context.options().consumers();
      for (long i = 0; i < consumers; i++) {
        ConsumerProfile consumer = ConsumerProfile.derive(context.streams(), i);
        cells[0] = consumer.id();
        cells[1] = consumer.language();
        cells[2] = IsoInstant.format(consumer.createdAtMillis());
        cells[3] = Boolean.toString(consumer.active());
        cells[4] = consumer.name();
        cells[5] = consumer.phoneArea();
        cells[6] = consumer.phoneNumber();
        file.write(cells);
      }
    }
    return file.manifest();
  }
}
