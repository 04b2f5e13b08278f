package dev.lakehouse.ingest.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads generated files back the way a test checks them: gunzip, split lines, decode strictly,
 * parse.
 */
final class SourceFiles {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The lines read before a gzip error, and the bytes after the last newline (empty for a whole
   * file).
   */
  record Lines(List<byte[]> complete, byte[] partial, boolean truncated) {}

  private SourceFiles() {}

  /** The lines of a gzip file; fails if the file is truncated. */
  static List<byte[]> lines(byte[] gzip) {
    Lines lines = readLines(gzip);
    if (lines.truncated()) {
      throw new AssertionError("the gzip stream is truncated");
    }
    if (lines.partial().length > 0) {
      throw new AssertionError("the last line has no newline");
    }
    return lines.complete();
  }

  static Lines readLines(byte[] gzip) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    boolean truncated = false;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        all.write(buffer, 0, n);
      }
    } catch (EOFException e) {
      truncated = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = all.toByteArray();
    List<byte[]> complete = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        complete.add(Arrays.copyOfRange(bytes, start, i));
        start = i + 1;
      }
    }
    return new Lines(complete, Arrays.copyOfRange(bytes, start, bytes.length), truncated);
  }

  /** The line as strict UTF-8, or empty when it is not valid UTF-8. */
  static Optional<String> utf8(byte[] line) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  static String text(byte[] line) {
    return utf8(line)
        .orElseThrow(
            () ->
                new AssertionError("not UTF-8: " + new String(line, StandardCharsets.ISO_8859_1)));
  }

  /** The line as a JSON tree, or empty when it does not parse. */
  static Optional<JsonNode> json(String line) {
    try {
      return Optional.of(JSON.readTree(line));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  static JsonNode parse(String json) {
    return json(json).orElseThrow(() -> new AssertionError("not JSON: " + json));
  }

  /** The good JSON objects of a JSON Lines file (all lines must be good). */
  static List<JsonNode> jsonObjects(byte[] gzip) {
    return lines(gzip).stream().map(SourceFiles::text).map(SourceFiles::parse).toList();
  }

  /**
   * Splits one RFC 4180 record: quoted cells with doubled quotes; an empty unquoted cell is null.
   */
  static List<String> csvCells(String record) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    while (true) {
      cell.setLength(0);
      if (i < record.length() && record.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= record.length()) {
            throw new IllegalArgumentException("unterminated quote: " + record);
          }
          char c = record.charAt(i++);
          if (c == '"') {
            if (i < record.length() && record.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cell.append(c);
          }
        }
        cells.add(cell.toString());
      } else {
        int start = i;
        while (i < record.length() && record.charAt(i) != ',') {
          i++;
        }
        cells.add(i == start ? null : record.substring(start, i));
      }
      if (i >= record.length()) {
        return cells;
      }
      if (record.charAt(i) != ',') {
        throw new IllegalArgumentException("text after a closing quote: " + record);
      }
      i++;
    }
  }
}
