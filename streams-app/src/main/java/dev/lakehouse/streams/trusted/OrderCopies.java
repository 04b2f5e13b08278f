package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.codec.BinaryReader;
import dev.lakehouse.streams.codec.BinaryWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The distinct copies of one order, each as it came from {@code raw.rows.order} (with its {@code
 * items}), in the order they were first seen. Kept apart from the {@link OrderState}, which every
 * status event rewrites.
 */
final class OrderCopies {
  private static final byte FORMAT = 1;

  final List<byte[]> encoded;

  private OrderCopies(List<byte[]> encoded) {
    this.encoded = encoded;
  }

  boolean isEmpty() {
    return encoded.isEmpty();
  }

  byte[] toBytes() {
    int size = 6;
    for (byte[] copy : encoded) {
      size += copy.length + 5;
    }
    BinaryWriter out = new BinaryWriter(size);
    out.write(FORMAT);
    out.varint(encoded.size());
    encoded.forEach(out::bytes);
    return out.toByteArray();
  }

  static OrderCopies fromBytes(byte[] bytes) {
    if (bytes == null) {
      return new OrderCopies(new ArrayList<>());
    }
    BinaryReader in = new BinaryReader(bytes, "an order's copies");
    int format = in.read();
    if (format != FORMAT) {
      throw new IllegalArgumentException("unknown format " + format + " of an order's copies");
    }
    long count = in.varint();
    List<byte[]> copies = new ArrayList<>((int) Math.min(count, 16));
    for (long i = 0; i < count; i++) {
      copies.add(in.bytes());
    }
    return new OrderCopies(copies);
  }
}
