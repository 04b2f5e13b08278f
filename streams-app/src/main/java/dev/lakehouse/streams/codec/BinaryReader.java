package dev.lakehouse.streams.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link BinaryWriter} wrote; a truncated or malformed input fails with
 * IllegalArgumentException.
 */
public final class BinaryReader {
  private byte[] bytes;
  private final String what;
  private int position;

  /**
   * @param what names the encoded thing in error messages, e.g. "an encoded raw row"
   */
  public BinaryReader(byte[] bytes, String what) {
    this.bytes = bytes;
    this.what = what;
  }

  /** Reads {@code next} from its start: one reader serves row after row. */
  public void reset(byte[] next) {
    this.bytes = next;
    this.position = 0;
  }

  /** Where the next read starts. */
  public int position() {
    return position;
  }

  public int read() {
    if (position >= bytes.length) {
      throw new IllegalArgumentException(what + " ends early, at byte " + position);
    }
    return bytes[position++] & 0xFF;
  }

  public long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = read();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("a varint of " + what + " is longer than 10 bytes");
  }

  public long varlong() {
    long raw = varint();
    return (raw >>> 1) ^ -(raw & 1);
  }

  public long fixed64() {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | read();
    }
    return value;
  }

  /**
   * Reads the length of a string or byte field and steps over its bytes, which start at {@code
   * position() - length}.
   */
  public int skipLengthPrefixed() {
    int length = length();
    position += length;
    return length;
  }

  private int length() {
    long length = varint();
    if (length < 0 || position + length > bytes.length) {
      throw new IllegalArgumentException(what + " ends early, at byte " + position);
    }
    return (int) length;
  }

  public byte[] bytes() {
    int length = length();
    byte[] out = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return out;
  }

  public String string() {
    int length = length();
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  public String nullableString() {
    return read() == 0 ? null : string();
  }

  public boolean atEnd() {
    return position == bytes.length;
  }
}
