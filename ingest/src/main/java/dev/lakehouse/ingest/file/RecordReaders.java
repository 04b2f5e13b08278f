package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.SourceFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens the right reader for a file: gzip detected from its first bytes, format from its dataset.
 */
final class RecordReaders {
  private RecordReaders() {}

  static RecordReader open(InputStream raw, DatasetContract dataset) throws IOException {
    return open(raw, dataset, RecordLimits.DEFAULTS);
  }

  static RecordReader open(InputStream raw, DatasetContract dataset, RecordLimits limits)
      throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    InputStream content = in;
    if (first == 0x1f && second == 0x8b) {
      try {
        content = new GZIPInputStream(in, 1 << 16);
      } catch (ZipException e) {
        throw new UnreadableFileException("corrupt gzip header: " + e.getMessage(), e);
      }
    }
    return dataset.format() == SourceFormat.CSV
        ? new CsvReader(content, dataset.key(), limits)
        : new JsonLinesReader(content, dataset.key(), limits);
  }
}
