package dev.lakehouse.streams.raw;

import dev.lakehouse.streams.codec.Utf8Text;

/**
 * Reads a JSON string straight from the record's bytes into UTF-8, for the common case: well-formed
 * UTF-8 (ASCII or the multi-byte sequences of Portuguese names) with the short escapes ({@code \"
 * \\ \/ \b \f \n \r \t}). A string without escapes is a slice of the record; one with escapes is
 * copied once. Anything else (a byte sequence that is not well-formed UTF-8, a control character, a
 * Unicode escape such as backslash-u-00e9, a string that does not end) is left to Jackson, which
 * reads it as before and rejects what is not valid JSON: the answer is then {@code null}.
 */
final class JsonStringBytes {
  private JsonStringBytes() {}

  /**
   * @param quote the index of the string's opening quote in {@code json}
   */
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
      int length = characterLength(json, i);
      if (length == 0) {
        return null;
      }
      i += length;
    }
    return null;
  }

  /**
   * The string from {@code start}, whose first escape is at {@code escape}, copied without its
   * escapes.
   */
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
        byte unescaped =
            switch (json[i + 1]) {
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
      int character = characterLength(json, i);
      if (character == 0) {
        return null;
      }
      if (character == 1) {
        out[length++] = b;
      } else {
        System.arraycopy(json, i, out, length, character);
        length += character;
      }
      i += character;
    }
    return null;
  }

  /**
   * The length in bytes of the unescaped character at {@code i} (not a quote or a backslash): 1 for
   * printable ASCII, the length of a well-formed multi-byte sequence, or 0 for what this reader
   * leaves to Jackson (a control character, a byte sequence that is not well-formed UTF-8).
   */
  private static int characterLength(byte[] json, int i) {
    byte b = json[i];
    if (b >= 0x20) {
      return 1;
    }
    return b < 0 ? sequenceLength(json, i) : 0;
  }

  /**
   * The length of the well-formed UTF-8 sequence that starts at {@code i} with a byte above 0x7F,
   * or 0 when it is not one (a stray continuation byte, an overlong form, a surrogate, a code point
   * above U+10FFFF, a sequence cut short): the ranges of the Unicode standard's table 3-7.
   */
  static int sequenceLength(byte[] bytes, int i) {
    int lead = bytes[i] & 0xFF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      return continuation(bytes, i + 1, 0x80, 0xBF) ? 2 : 0;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
      int low = lead == 0xE0 ? 0xA0 : 0x80;
      int high = lead == 0xED ? 0x9F : 0xBF;
      return continuation(bytes, i + 1, low, high) && continuation(bytes, i + 2, 0x80, 0xBF)
          ? 3
          : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
      int low = lead == 0xF0 ? 0x90 : 0x80;
      int high = lead == 0xF4 ? 0x8F : 0xBF;
      return continuation(bytes, i + 1, low, high)
              && continuation(bytes, i + 2, 0x80, 0xBF)
              && continuation(bytes, i + 3, 0x80, 0xBF)
          ? 4
          : 0;
    }
    return 0;
  }

  private static boolean continuation(byte[] bytes, int i, int low, int high) {
    if (i >= bytes.length) {
      return false;
    }
    int b = bytes[i] & 0xFF;
    return b >= low && b <= high;
  }
}
