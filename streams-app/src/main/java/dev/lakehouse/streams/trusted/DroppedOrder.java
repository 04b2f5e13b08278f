package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.codec.BinaryReader;
import dev.lakehouse.streams.codec.BinaryWriter;

/**
 * What a task keeps of an order it dropped after {@code trusted.state-retention}, besides its id:
 * the quality flags it counted the order with, and the hash of the items string it sent to the dead
 * letters. Taken back from the lake, the order is counted and dead-lettered from there, as if it
 * had never been dropped. A few bytes instead of the order's copies and state.
 */
record DroppedOrder(int qualityFlags, long rejectedItemsHash) {
  private static final byte FORMAT = 1;

  static byte[] of(OrderState state) {
    return new DroppedOrder(state.qualityFlags, state.rejectedItemsHash).toBytes();
  }

  byte[] toBytes() {
    BinaryWriter out = new BinaryWriter(16);
    out.write(FORMAT);
    out.varint(qualityFlags);
    out.fixed64(rejectedItemsHash);
    return out.toByteArray();
  }

  static DroppedOrder fromBytes(byte[] bytes) {
    if (bytes == null) {
      return new DroppedOrder(0, 0);
    }
    BinaryReader in = new BinaryReader(bytes, "a dropped order");
    int format = in.read();
    if (format != FORMAT) {
      throw new IllegalArgumentException("unknown format " + format + " of a dropped order");
    }
    return new DroppedOrder((int) in.varint(), in.fixed64());
  }
}
