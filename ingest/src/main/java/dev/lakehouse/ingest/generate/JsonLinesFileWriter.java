package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes one gzip JSON Lines file: each good line given, unless the {@link BadLineSchedule} says to
 * write a bad one in its place; counts both.
 */
final class JsonLinesFileWriter implements Closeable {
  private final Utf8LineOutput out;
  private final BadLineSchedule schedule;
  private final BadJsonLines badLines;
  private final LineCounts counts;

  JsonLinesFileWriter(
      OutputStream raw, String fileName, Dataset dataset, double badRate, RandomStreams streams)
      throws IOException {
    this.out = new Utf8LineOutput(gzip(raw, fileName));
    this.counts = new LineCounts(fileName, dataset);
    long stream = fileName.hashCode();
    this.schedule =
        new BadLineSchedule(
            badRate,
            streams.of(RandomStreams.Purpose.BAD_LINES, stream),
            Arrays.stream(BadLineKind.values())
                .filter(k -> k.appliesTo(dataset.format()))
                .toList());
    this.badLines =
        new BadJsonLines(dataset, streams.of(RandomStreams.Purpose.BAD_LINES, stream + 1_000_003L));
  }

  /**
   * {@code raw} behind a fast gzip stream, compressed on a thread of its own when there is a spare
   * processor.
   */
  static OutputStream gzip(OutputStream raw, String fileName) throws IOException {
    OutputStream gzip;
    try {
      gzip = new FastGzipOutputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    return BackgroundOutputStream.worthwhile()
        ? new BackgroundOutputStream(gzip, "gzip " + fileName)
        : gzip;
  }

  void write(CharSequence line) throws IOException {
    BadLineKind kind = schedule.next();
    if (kind == null) {
      out.writeLine(line);
      counts.good();
    } else {
      out.writeLine(badLines.make(kind, line.toString()));
      counts.bad(kind);
    }
  }

  /** Counts so far; call after {@link #close()} for the file's final manifest. */
  FileManifest manifest() {
    return counts.manifest();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
