package dev.lakehouse.ingest.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * JSON Lines: each non-blank line must be valid UTF-8 without NUL bytes, holding one JSON object
 * with no repeated field, nested at most {@link RecordLimits#maxJsonDepth()} deep, with a non-empty
 * natural key no longer than {@link RecordLimits#maxKeyBytes()}. A good line is published byte for
 * byte as it was read (less a UTF-8 byte order mark at the start of the file); nothing is
 * re-serialized. Anything else is a dead letter whose detail gives a position, never content.
 */
final class JsonLinesReader implements RecordReader {
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private final ByteLineReader lines;
  private final String keyField;
  private final RecordLimits limits;

  JsonLinesReader(InputStream in, String keyField, RecordLimits limits) {
    this.lines = new ByteLineReader(in, limits);
    this.keyField = keyField;
    this.limits = limits;
  }

  @Override
  public SourceRecord next() throws IOException {
    ByteLineReader.Line line;
    do {
      line = lines.next();
      if (line == null) {
        return null;
      }
    } while (!line.tooLarge() && isBlank(line.bytes()));
    if (line.tooLarge()) {
      return SourceRecord.Bad.of(
          line,
          DeadLetterReason.RECORD_TOO_LARGE,
          "the line is " + line.length() + " bytes, over the limit of " + limits.maxRecordBytes());
    }
    if (line.number() == 1 && startsWithBom(line.bytes())) {
      // a UTF-8 byte order mark (editors on Windows write one) is not part of the first record
      line =
          new ByteLineReader.Line(
              1,
              3,
              java.util.Arrays.copyOfRange(line.bytes(), 3, line.bytes().length),
              line.length() - 3,
              null);
    }
    byte[] bytes = line.bytes();
    int nul = DeadLetterReason.nulByte(bytes);
    if (nul >= 0) {
      return SourceRecord.Bad.of(
          line, DeadLetterReason.NUL_BYTE, "a NUL byte at byte " + (nul + 1) + " of the line");
    }
    if (!Utf8.isValid(bytes, 0, bytes.length)) {
      return SourceRecord.Bad.of(
          line, DeadLetterReason.INVALID_UTF8, "the line is not valid UTF-8");
    }
    return parse(line);
  }

  private SourceRecord parse(ByteLineReader.Line line) {
    byte[] bytes = line.bytes();
    String key = null;
    boolean keySeen = false;
    boolean keyScalar = true;
    try (JsonParser parser = JSON.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first == JsonToken.START_ARRAY) {
          parser.skipChildren();
        }
        return SourceRecord.Bad.of(
            line,
            DeadLetterReason.NOT_AN_OBJECT,
            "the line holds a JSON " + kind(first) + ", not an object");
      }
      // depth-first walk of the whole line: repeated names per object, nesting depth, the top-level
      // key
      Deque<Set<String>> names = new ArrayDeque<>();
      names.push(new HashSet<>());
      int depth = 1;
      boolean keyValueNext = false;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return malformed(line, "the object is not closed", parser.currentLocation());
        }
        if (keyValueNext) {
          keyValueNext = false;
          if (token.isScalarValue()) {
            key = token == JsonToken.VALUE_NULL ? null : parser.getText();
          } else {
            keyScalar = false;
          }
        }
        switch (token) {
          case FIELD_NAME -> {
            String name = parser.currentName();
            if (!names.peek().add(name)) {
              return SourceRecord.Bad.of(
                  line,
                  DeadLetterReason.DUPLICATE_FIELD,
                  "a field name is repeated in an object at depth "
                      + depth
                      + ", column "
                      + column(parser.currentLocation()));
            }
            if (depth == 1 && name.equals(keyField)) {
              keySeen = true;
              keyValueNext = true;
            }
          }
          case START_OBJECT, START_ARRAY -> {
            depth++;
            if (depth > limits.maxJsonDepth()) {
              return SourceRecord.Bad.of(
                  line,
                  DeadLetterReason.TOO_DEEPLY_NESTED,
                  "nested deeper than "
                      + limits.maxJsonDepth()
                      + " levels at column "
                      + column(parser.currentLocation()));
            }
            names.push(token == JsonToken.START_OBJECT ? new HashSet<>() : Set.of());
          }
          case END_OBJECT, END_ARRAY -> {
            depth--;
            names.pop();
          }
          default -> {
            // a scalar value
          }
        }
      }
      if (parser.nextToken() != null) {
        return malformed(line, "content after the object", parser.currentTokenLocation());
      }
    } catch (StreamConstraintsException e) {
      return malformed(line, "a value exceeds the JSON parser's limits", e.getLocation());
    } catch (JsonProcessingException e) {
      return malformed(line, "not valid JSON", e.getLocation());
    } catch (IOException e) {
      return malformed(line, "not valid JSON", null);
    }
    if (!keyScalar) {
      return SourceRecord.Bad.of(
          line,
          DeadLetterReason.MISSING_KEY,
          "key field '" + keyField + "' is an object or an array");
    }
    if (key == null || key.isBlank()) {
      String detail =
          keySeen
              ? "key field '" + keyField + "' is null or empty"
              : "key field '" + keyField + "' is absent";
      return SourceRecord.Bad.of(line, DeadLetterReason.MISSING_KEY, detail);
    }
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    if (keyBytes.length > limits.maxKeyBytes()) {
      return SourceRecord.Bad.of(
          line,
          DeadLetterReason.KEY_TOO_LONG,
          "key field '"
              + keyField
              + "' is "
              + keyBytes.length
              + " bytes, over the limit of "
              + limits.maxKeyBytes());
    }
    return new SourceRecord.Good(line.number(), keyBytes, bytes);
  }

  private static SourceRecord malformed(
      ByteLineReader.Line line, String what, JsonLocation location) {
    String where = location == null ? "" : " at column " + column(location);
    return SourceRecord.Bad.of(line, DeadLetterReason.MALFORMED_JSON, what + where);
  }

  private static long column(JsonLocation location) {
    return location == null ? 0 : location.getColumnNr();
  }

  private static String kind(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> "value";
    };
  }

  @Override
  public SourceRecord.Bad partialRecord(String reason, String detail) {
    byte[] tail = lines.partialLine();
    return tail.length == 0
        ? null
        : SourceRecord.Bad.of(partialRecordLine(), lines.partialLineOffset(), reason, detail, tail);
  }

  @Override
  public long nextRecordOffset() {
    return lines.consumed();
  }

  @Override
  public long partialRecordLine() {
    return lines.lineNumber() + 1;
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF;
  }

  static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
