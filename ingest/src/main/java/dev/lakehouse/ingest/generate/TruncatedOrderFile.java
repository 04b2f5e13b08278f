package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Writes {@value GeneratorOptions#TRUNCATED_FILE_NAME}: good order lines of orders not in
 * order.json.gz, gzip-compressed, with the last ~20% of the compressed bytes cut off (no trailer,
 * data missing). The compressed stream is produced again for each pass (measure, check, write)
 * instead of held in memory. The cut is moved back a byte at a time until a reader gets a non-empty
 * partial line after the last complete one, so an ingestor always has exactly one line to
 * dead-letter as truncated.
 */
final class TruncatedOrderFile {
  static final double CUT_SHARE = 0.2;

  /** What a gzip reader gets from the truncated bytes before it fails. */
  record Recovery(long completeLines, long partialLineBytes) {}

  private final GenerationContext context;

  TruncatedOrderFile(GenerationContext context) {
    this.context = context;
  }

  /** The length of the whole compressed stream. */
  long fullBytes() throws IOException {
    try (InputStream in = compressed()) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** The length of the cut stream, found before anything is written. */
  long keptBytes() throws IOException {
    long full = fullBytes();
    long kept = full - Math.max(1, Math.round(full * CUT_SHARE));
    while (recover(kept).partialLineBytes() == 0) {
      kept--;
    }
    return kept;
  }

  FileManifest write(OutputStream raw, long keptBytes) throws IOException {
    try (OutputStream out = raw;
        InputStream in = new LimitedInputStream(compressed(), keptBytes)) {
      in.transferTo(out);
    }
    long lines = context.options().truncatedFileOrders();
    Recovery recovery = recover(keptBytes);
    Map<BadLineKind, Long> noBadLines =
        new LineCounts(GeneratorOptions.TRUNCATED_FILE_NAME, Dataset.ORDER).manifest().badLines();
    return new FileManifest(
        GeneratorOptions.TRUNCATED_FILE_NAME,
        Dataset.ORDER.name(),
        lines,
        lines,
        noBadLines,
        true,
        recovery.completeLines());
  }

  /**
   * Reads the first {@code keptBytes} compressed bytes with {@link GZIPInputStream} until it fails.
   */
  Recovery recover(long keptBytes) throws IOException {
    long complete = 0;
    long partial = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in =
        new GZIPInputStream(new LimitedInputStream(compressed(), keptBytes), 64 * 1024)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            complete++;
            partial = 0;
          } else {
            partial++;
          }
        }
      }
    } catch (EOFException | ZipException expected) {
      return new Recovery(complete, partial);
    }
    throw new IllegalStateException(
        "the cut gzip stream of " + keptBytes + " bytes read to its end");
  }

  private InputStream compressed() throws IOException {
    long first = context.options().orders();
    long end = first + context.options().truncatedFileOrders();
    OrderLineWriter writer = new OrderLineWriter(context.streams());
    return new GzipLinesInputStream(
        new LineSource() {
          private long next = first;

          @Override
          public boolean next(StringBuilder out) {
            if (next >= end) {
              return false;
            }
            writer.prepare(context.order(next++));
            out.setLength(0);
            writer.appendLine(out);
            return true;
          }
        });
  }
}
