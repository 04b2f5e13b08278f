package dev.lakehouse.streams.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A string value held as UTF-8 bytes, a slice of an array it does not own: how the contract parser
 * hands a string field to the row codec without making a {@link String} of it and encoding it back.
 * Equal to another {@code Utf8Text} with the same bytes; {@link #toString()} decodes it.
 */
public final class Utf8Text {
  private final byte[] bytes;
  private final int offset;
  private final int length;

  public Utf8Text(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException(
          "slice [" + offset + ", " + (offset + length) + ") of " + bytes.length + " bytes");
    }
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
  }

  public static Utf8Text of(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return new Utf8Text(utf8, 0, utf8.length);
  }

  /** A string value as text, whichever form it is held in ({@code null} stays null). */
  public static String text(Object value) {
    return value == null ? null : value.toString();
  }

  public byte[] bytes() {
    return bytes;
  }

  public int offset() {
    return offset;
  }

  public int length() {
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Utf8Text text
        && Arrays.equals(
            bytes, offset, offset + length, text.bytes, text.offset, text.offset + text.length);
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + bytes[i];
    }
    return hash;
  }

  @Override
  public String toString() {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }
}
