package dev.lakehouse.ingest.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON Lines: each non-blank line must be valid UTF-8 holding one JSON object with a non-empty natural
 * key. A good line is published byte for byte as it was read; nothing is re-serialized.
 */
final class JsonLinesReader implements RecordReader {
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private final ByteLineReader lines;
  private final String keyField;

  JsonLinesReader(InputStream in, String keyField) {
    this.lines = new ByteLineReader(in);
    this.keyField = keyField;
  }

  @Override
  public SourceRecord next() throws IOException {
    byte[] line;
    do {
      line = lines.next();
      if (line == null) {
        return null;
      }
    } while (isBlank(line));
    long number = lines.lineNumber();
    if (!Utf8.isValid(line, 0, line.length)) {
      return new SourceRecord.Bad(number, "invalid-utf8", "the line is not valid UTF-8", line);
    }
    return parse(number, line);
  }

  private SourceRecord parse(long number, byte[] line) {
    String key = null;
    boolean keySeen = false;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new SourceRecord.Bad(number, "malformed-json", "the line is not a JSON object", line);
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals(keyField)) {
          keySeen = true;
          key = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
        } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          parser.skipChildren();
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return new SourceRecord.Bad(number, "malformed-json", "unexpected content after the object", line);
      }
    } catch (IOException e) {
      return new SourceRecord.Bad(number, "malformed-json", firstLine(e.getMessage()), line);
    }
    if (key == null || key.isBlank()) {
      String detail = keySeen ? "key field '" + keyField + "' is null or empty" : "key field '" + keyField + "' is absent";
      return new SourceRecord.Bad(number, "missing-key", detail, line);
    }
    return new SourceRecord.Good(number, key.getBytes(StandardCharsets.UTF_8), line);
  }

  @Override
  public byte[] partialRecord() {
    return lines.partialLine();
  }

  @Override
  public long partialRecordLine() {
    return lines.lineNumber() + 1;
  }

  static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unparseable JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
