package dev.lakehouse.ingest.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV with a header line. A quoted cell may span lines. Each record becomes a JSON object keyed by the
 * header's names, every cell a string and an empty cell null; types are parsed later, in the raw layer.
 */
final class CsvReader implements RecordReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final ByteLineReader lines;
  private final String keyField;
  private final List<String> header;
  private final int keyIndex;
  private final ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
  private long recordStartLine;
  private byte[] partial = new byte[0];

  CsvReader(InputStream in, String keyField) throws IOException {
    this.lines = new ByteLineReader(in);
    this.keyField = keyField;
    byte[] headerLine = lines.next();
    if (headerLine == null) {
      throw new UnreadableFileException("the CSV file is empty: no header line");
    }
    if (!Utf8.isValid(headerLine, 0, headerLine.length)) {
      throw new UnreadableFileException("the CSV header is not valid UTF-8");
    }
    String text = new String(headerLine, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      this.header = CsvCells.split(text).stream().map(c -> c == null ? "" : c.trim()).toList();
    } catch (CsvCells.MalformedCsvException e) {
      throw new UnreadableFileException("the CSV header is malformed: " + e.getMessage());
    }
    this.keyIndex = header.indexOf(keyField);
    if (keyIndex < 0) {
      throw new UnreadableFileException("the CSV header has no key column '" + keyField + "' (has " + header + ")");
    }
  }

  @Override
  public SourceRecord next() throws IOException {
    byte[] record = readRecord();
    while (record != null && JsonLinesReader.isBlank(record)) {
      record = readRecord();
    }
    if (record == null) {
      return null;
    }
    long line = recordStartLine;
    if (!Utf8.isValid(record, 0, record.length)) {
      return new SourceRecord.Bad(line, "invalid-utf8", "the record is not valid UTF-8", record);
    }
    List<String> cells;
    try {
      cells = CsvCells.split(new String(record, StandardCharsets.UTF_8));
    } catch (CsvCells.MalformedCsvException e) {
      return new SourceRecord.Bad(line, "malformed-csv", e.getMessage(), record);
    }
    if (cells.size() != header.size()) {
      return new SourceRecord.Bad(line, "wrong-column-count",
          "expected " + header.size() + " cells, found " + cells.size(), record);
    }
    String key = cells.get(keyIndex);
    if (key == null || key.isBlank()) {
      return new SourceRecord.Bad(line, "missing-key", "key column '" + keyField + "' is empty", record);
    }
    return new SourceRecord.Good(line, key.getBytes(StandardCharsets.UTF_8), toJson(cells));
  }

  /** The raw bytes of the next record: lines are joined while a quoted cell is open. */
  private byte[] readRecord() throws IOException {
    partial = new byte[0];
    byte[] first = lines.next();
    if (first == null) {
      return null;
    }
    recordStartLine = lines.lineNumber();
    byte[] record = first;
    while (quoteCount(record) % 2 == 1) {
      partial = record;
      byte[] more = lines.next();
      if (more == null) {
        return record; // an unterminated quote at the end of the file: reported by the cell splitter
      }
      byte[] joined = new byte[record.length + 1 + more.length];
      System.arraycopy(record, 0, joined, 0, record.length);
      joined[record.length] = '\n';
      System.arraycopy(more, 0, joined, record.length + 1, more.length);
      record = joined;
    }
    partial = new byte[0];
    return record;
  }

  private static int quoteCount(byte[] bytes) {
    int count = 0;
    for (byte b : bytes) {
      if (b == '"') {
        count++;
      }
    }
    return count;
  }

  private byte[] toJson(List<String> cells) throws IOException {
    json.reset();
    try (JsonGenerator generator = JSON.createGenerator(json)) {
      generator.writeStartObject();
      for (int i = 0; i < header.size(); i++) {
        String value = cells.get(i);
        if (value == null) {
          generator.writeNullField(header.get(i));
        } else {
          generator.writeStringField(header.get(i), value);
        }
      }
      generator.writeEndObject();
    }
    return json.toByteArray();
  }

  @Override
  public byte[] partialRecord() {
    byte[] tail = lines.partialLine();
    if (partial.length == 0) {
      return tail;
    }
    byte[] joined = new byte[partial.length + 1 + tail.length];
    System.arraycopy(partial, 0, joined, 0, partial.length);
    joined[partial.length] = '\n';
    System.arraycopy(tail, 0, joined, partial.length + 1, tail.length);
    return joined;
  }

  @Override
  public long partialRecordLine() {
    return partial.length == 0 ? lines.lineNumber() + 1 : recordStartLine;
  }
}
