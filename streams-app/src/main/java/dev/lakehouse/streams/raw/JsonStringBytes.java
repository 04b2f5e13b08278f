package dev.lakehouse.streams.raw;

import dev.lakehouse.streams.codec.Utf8Text;

/**
 * Reads a JSON string straight from the record's bytes into UTF-8, for the common case: printable ASCII with
 * the short escapes ({@code \" \\ \/ \b \f \n \r \t}). A string without escapes is a slice of the record;
 * one with escapes is copied once. Anything else (a byte above 0x7F, a control character, a Unicode escape
 * such as backslash-u-00e9, a string that does not end) is left to Jackson, which reads it as before and
 * rejects what is not valid JSON: the answer is then {@code null}.
 */
final class JsonStringBytes {
  private JsonStringBytes() {}

  /** @param quote the index of the string's opening quote in {@code json} */
  static Utf8Text read(byte[] json, int quote) {
    int start = quote + 1;
    int i = start;
    while (i < json.length) {
      byte b = json[i];
      if (b == '"') {
        return new Utf8Text(json, start, i - start);
      }
      if (b == '\\') {
        return unescape(json, start, i);
      }
      if (b < 0x20) {
        return null;
      }
      i++;
    }
    return null;
  }

  /** The string from {@code start}, whose first escape is at {@code escape}, copied without its escapes. */
  private static Utf8Text unescape(byte[] json, int start, int escape) {
    byte[] out = new byte[json.length - start];
    int length = escape - start;
    System.arraycopy(json, start, out, 0, length);
    int i = escape;
    while (i < json.length) {
      byte b = json[i];
      if (b == '"') {
        return new Utf8Text(out, 0, length);
      }
      if (b == '\\') {
        if (i + 1 >= json.length) {
          return null;
        }
        byte unescaped = switch (json[i + 1]) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '/' -> '/';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> 0;
        };
        if (unescaped == 0) {
          return null;
        }
        out[length++] = unescaped;
        i += 2;
        continue;
      }
      if (b < 0x20) {
        return null;
      }
      out[length++] = b;
      i++;
    }
    return null;
  }
}
