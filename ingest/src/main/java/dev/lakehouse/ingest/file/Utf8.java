package dev.lakehouse.ingest.file;

/**
 * Strict UTF-8 validation of a byte range (no overlongs, no surrogates, nothing above U+10FFFF).
 */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int lead = b & 0xFF;
      int needed;
      int min;
      if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 1;
        min = 0x80;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        needed = 2;
        min = 0x800;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        needed = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + needed >= end) {
        return false;
      }
      int codePoint = lead & (0x3F >> needed);
      for (int k = 1; k <= needed; k++) {
        int next = bytes[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          return false;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
      }
      if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
        return false;
      }
      i += needed + 1;
    }
    return true;
  }
}
