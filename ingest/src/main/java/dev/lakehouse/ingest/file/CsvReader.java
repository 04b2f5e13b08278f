package dev.lakehouse.ingest.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV with a header line. A quoted cell may span lines, up to {@link RecordLimits#maxCsvLines()}
 * lines and {@link RecordLimits#maxRecordBytes()} bytes: a quote still open after that (or at the
 * end of the file) makes the line where it opened an {@code unterminated-quote} dead letter, and
 * reading resumes at the line after it, so a stray quote costs one line, not the rest of the file.
 * A quote that closes on a later line makes its lines one record: when that is not a valid record,
 * all of its lines are one dead letter (none is read again on its own, where a fragment of the
 * quoted cell could pass). Each record becomes a JSON object keyed by the header's names, every
 * cell a string and an empty cell null; types are parsed later, in the raw layer.
 */
final class CsvReader implements RecordReader {
  private static final JsonFactory JSON = new JsonFactory();

  private final ByteLineReader lines;
  private final String keyField;
  private final RecordLimits limits;
  private final List<String> header;
  private final int keyIndex;
  private final ByteArrayOutputStream json = new ByteArrayOutputStream(1024);

  /**
   * Lines read ahead while looking for a closing quote that did not come: read again as records.
   */
  private final Deque<ByteLineReader.Line> readAhead = new ArrayDeque<>();

  /** The lines of the record being assembled (for a stream that breaks inside it). */
  private final List<ByteLineReader.Line> span = new ArrayList<>();

  private long quoteSteps;

  CsvReader(InputStream in, String keyField, RecordLimits limits) throws IOException {
    this.lines = new ByteLineReader(in, limits);
    this.keyField = keyField;
    this.limits = limits;
    ByteLineReader.Line headerLine = lines.next();
    if (headerLine == null) {
      throw new UnreadableFileException("the CSV file is empty: no header line");
    }
    if (headerLine.tooLarge()) {
      throw new UnreadableFileException(
          "the CSV header line is over " + limits.maxRecordBytes() + " bytes");
    }
    byte[] bytes = headerLine.bytes();
    if (!Utf8.isValid(bytes, 0, bytes.length) || DeadLetterReason.nulByte(bytes) >= 0) {
      throw new UnreadableFileException("the CSV header is not valid UTF-8 text");
    }
    try {
      this.header = headerCells(bytes);
    } catch (CsvCells.MalformedCsvException e) {
      throw new UnreadableFileException("the CSV header is malformed: " + e.getMessage());
    }
    // the messages give positions and counts, never the cells: a file without a header has data
    // there
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      Integer earlier = seen.putIfAbsent(header.get(i), i);
      if (earlier != null) {
        throw new UnreadableFileException(
            "the CSV header names a column twice: column "
                + (i + 1)
                + " repeats column "
                + (earlier + 1));
      }
    }
    this.keyIndex = header.indexOf(keyField);
    if (keyIndex < 0) {
      throw new UnreadableFileException(
          "the CSV header has no key column '"
              + keyField
              + "' among its "
              + header.size()
              + " columns");
    }
  }

  private static List<String> headerCells(byte[] bytes) throws CsvCells.MalformedCsvException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return CsvCells.split(text).stream().map(c -> c == null ? "" : c.trim()).toList();
  }

  @Override
  public SourceRecord next() throws IOException {
    span.clear();
    ByteLineReader.Line first;
    do {
      first = nextLine();
      if (first == null) {
        return null;
      }
    } while (!first.tooLarge() && JsonLinesReader.isBlank(first.bytes()));
    if (first.tooLarge()) {
      return SourceRecord.Bad.of(
          first,
          DeadLetterReason.RECORD_TOO_LARGE,
          "the line is " + first.length() + " bytes, over the limit of " + limits.maxRecordBytes());
    }
    span.add(first);
    CsvQuoteState quotes = new CsvQuoteState();
    quotes.feed(first.bytes());
    long length = first.length();
    while (quotes.open()) {
      ByteLineReader.Line more = span.size() < limits.maxCsvLines() ? nextLine() : null;
      if (more != null) {
        span.add(more);
      }
      if (more == null || more.tooLarge() || length + 1 + more.length() > limits.maxRecordBytes()) {
        quoteSteps += quotes.steps();
        String where =
            more != null
                ? "within " + limits.maxRecordBytes() + " bytes"
                : span.size() >= limits.maxCsvLines()
                    ? "within " + limits.maxCsvLines() + " lines"
                    : "before the end of the file";
        return unterminated(first, where);
      }
      quotes.newline();
      quotes.feed(more.bytes());
      length += 1 + more.length();
    }
    quoteSteps += quotes.steps();
    byte[] record = join(span);
    // a quote that closed on a later line makes the lines one record, good or one dead letter: a
    // line
    // inside it read again on its own could be a fragment of the quoted cell published as a record
    String where =
        span.size() > 1
            ? " (a quoted cell spans lines "
                + first.number()
                + "-"
                + span.get(span.size() - 1).number()
                + ")"
            : "";
    span.clear();
    return parse(first, record, where);
  }

  /**
   * The line where a quote opened and never closed; the lines read after it are read again as
   * records.
   */
  private SourceRecord unterminated(ByteLineReader.Line first, String where) {
    for (int i = span.size() - 1; i >= 1; i--) {
      readAhead.addFirst(span.get(i));
    }
    span.clear();
    return SourceRecord.Bad.of(
        first,
        DeadLetterReason.UNTERMINATED_QUOTE,
        "a quoted cell opened on line " + first.number() + " is not closed " + where);
  }

  private ByteLineReader.Line nextLine() throws IOException {
    ByteLineReader.Line line = readAhead.pollFirst();
    return line != null ? line : lines.next();
  }

  /** The record starting at {@code first}; {@code where} ends the detail of a dead letter. */
  private SourceRecord parse(ByteLineReader.Line first, byte[] record, String where)
      throws IOException {
    long line = first.number();
    long offset = first.offset();
    int nul = DeadLetterReason.nulByte(record);
    if (nul >= 0) {
      return SourceRecord.Bad.of(
          line,
          offset,
          DeadLetterReason.NUL_BYTE,
          "a NUL byte at byte " + (nul + 1) + " of the record" + where,
          record);
    }
    if (!Utf8.isValid(record, 0, record.length)) {
      return SourceRecord.Bad.of(
          line,
          offset,
          DeadLetterReason.INVALID_UTF8,
          "the record is not valid UTF-8" + where,
          record);
    }
    List<String> cells;
    try {
      cells = CsvCells.split(new String(record, StandardCharsets.UTF_8));
    } catch (CsvCells.MalformedCsvException e) {
      return SourceRecord.Bad.of(
          line, offset, DeadLetterReason.MALFORMED_CSV, e.getMessage() + where, record);
    }
    if (cells.size() == header.size() && isHeader(record)) {
      return SourceRecord.Bad.of(
          line,
          offset,
          DeadLetterReason.REPEATED_HEADER,
          "the header line again, on line " + line + where,
          record);
    }
    if (cells.size() != header.size()) {
      return SourceRecord.Bad.of(
          line,
          offset,
          DeadLetterReason.WRONG_COLUMN_COUNT,
          "expected " + header.size() + " cells, found " + cells.size() + where,
          record);
    }
    String key = cells.get(keyIndex);
    if (key == null || key.isBlank()) {
      return SourceRecord.Bad.of(
          line,
          offset,
          DeadLetterReason.MISSING_KEY,
          "key column '" + keyField + "' is empty" + where,
          record);
    }
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    if (keyBytes.length > limits.maxKeyBytes()) {
      return SourceRecord.Bad.of(
          line,
          offset,
          DeadLetterReason.KEY_TOO_LONG,
          "key column '"
              + keyField
              + "' is "
              + keyBytes.length
              + " bytes, over the limit of "
              + limits.maxKeyBytes()
              + where,
          record);
    }
    byte[] value = toJson(cells);
    if (value.length > limits.maxRecordBytes()) {
      return SourceRecord.Bad.of(
          line,
          offset,
          DeadLetterReason.RECORD_TOO_LARGE,
          "the record is "
              + value.length
              + " bytes as JSON, over the limit of "
              + limits.maxRecordBytes()
              + where,
          record);
    }
    return new SourceRecord.Good(line, keyBytes, value);
  }

  private boolean isHeader(byte[] record) {
    try {
      return headerCells(record).equals(header);
    } catch (CsvCells.MalformedCsvException e) {
      return false;
    }
  }

  private static byte[] join(List<ByteLineReader.Line> lines) {
    if (lines.size() == 1) {
      return lines.get(0).bytes();
    }
    int length = lines.size() - 1;
    for (ByteLineReader.Line line : lines) {
      length += line.bytes().length;
    }
    byte[] joined = new byte[length];
    int at = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        joined[at++] = '\n';
      }
      byte[] bytes = lines.get(i).bytes();
      System.arraycopy(bytes, 0, joined, at, bytes.length);
      at += bytes.length;
    }
    return joined;
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
  public long nextRecordOffset() {
    ByteLineReader.Line again = readAhead.peekFirst();
    return again != null ? again.offset() : lines.consumed();
  }

  /**
   * Bytes examined to find where records end, over the whole file so far (a measure of the work
   * done).
   */
  long quoteSteps() {
    return quoteSteps;
  }

  @Override
  public SourceRecord.Bad partialRecord(String reason, String detail) {
    byte[] tail = lines.partialLine();
    if (span.isEmpty() && tail.length == 0) {
      return null;
    }
    List<ByteLineReader.Line> parts = new ArrayList<>(span);
    parts.add(new ByteLineReader.Line(0, 0, tail, tail.length, null));
    byte[] joined = join(parts);
    long offset = span.isEmpty() ? lines.partialLineOffset() : span.get(0).offset();
    return SourceRecord.Bad.of(partialRecordLine(), offset, reason, detail, joined);
  }

  @Override
  public long partialRecordLine() {
    return span.isEmpty() ? lines.lineNumber() + 1 : span.get(0).number();
  }
}
