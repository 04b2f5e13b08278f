package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes one gzip CSV file: the header in {@link Dataset} field order, then each record given,
 * unless the {@link BadLineSchedule} says to write a bad line in its place; counts both (the header
 * is not a line).
 */
final class CsvFileWriter implements Closeable {
  private final Utf8LineOutput out;
  private final BadLineSchedule schedule;
  private final BadCsvLines badLines;
  private final LineCounts counts;
  private final int columns;
  private final StringBuilder line = new StringBuilder(256);

  CsvFileWriter(
      OutputStream raw, String fileName, Dataset dataset, double badRate, RandomStreams streams)
      throws IOException {
    this.out = new Utf8LineOutput(JsonLinesFileWriter.gzip(raw, fileName));
    this.counts = new LineCounts(fileName, dataset);
    this.columns = dataset.fieldNames().size();
    long stream = fileName.hashCode();
    this.schedule =
        new BadLineSchedule(
            badRate,
            streams.of(RandomStreams.Purpose.BAD_LINES, stream),
            Arrays.stream(BadLineKind.values())
                .filter(k -> k.appliesTo(dataset.format()))
                .toList());
    this.badLines =
        new BadCsvLines(dataset, streams.of(RandomStreams.Purpose.BAD_LINES, stream + 1_000_003L));
    out.writeLine(String.join(",", dataset.fieldNames()));
  }

  /** Writes one record; {@code cells} in field order, null for an empty cell. */
  void write(String[] cells) throws IOException {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    BadLineKind kind = schedule.next();
    if (kind == null) {
      line.setLength(0);
      CsvLineWriter.appendRow(line, cells);
      out.writeLine(line);
      counts.good();
    } else {
      out.writeLine(badLines.make(kind, cells));
      counts.bad(kind);
    }
  }

  FileManifest manifest() {
    return counts.manifest();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
