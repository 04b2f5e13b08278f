package dev.lakehouse.streams.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends bytes, varints, zig-zag longs, fixed longs and length-prefixed UTF-8 to a growing buffer.
 */
public final class BinaryWriter {
  private byte[] buffer;
  private int size;

  public BinaryWriter(int capacity) {
    buffer = new byte[Math.max(16, capacity)];
  }

  public void write(int b) {
    ensure(1);
    buffer[size++] = (byte) b;
  }

  public void varint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
  }

  /** A signed value, zig-zag encoded so small negatives stay short. */
  public void varlong(long value) {
    varint((value << 1) ^ (value >> 63));
  }

  public void fixed64(long value) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  public void bytes(byte[] bytes) {
    bytes(bytes, 0, bytes.length);
  }

  /**
   * Length-prefixed: {@code length} bytes of {@code bytes} from {@code offset} (e.g. UTF-8 already
   * encoded).
   */
  public void bytes(byte[] bytes, int offset, int length) {
    varint(length);
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  public void string(String value) {
    bytes(value.getBytes(StandardCharsets.UTF_8));
  }

  public void nullableString(String value) {
    if (value == null) {
      write(0);
    } else {
      write(1);
      string(value);
    }
  }

  /** Appends {@code length} bytes of {@code bytes} from {@code offset} as they are, unprefixed. */
  public void raw(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  /** How many bytes were written so far. */
  public int size() {
    return size;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }
}
