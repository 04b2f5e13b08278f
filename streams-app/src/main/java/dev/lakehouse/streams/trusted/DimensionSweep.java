package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.codec.BinaryReader;
import dev.lakehouse.streams.codec.BinaryWriter;

/**
 * A consumer or restaurant that changed, and how far the rebuild of its orders has got: its orders
 * are rebuilt a bounded number per emission ({@link TrustedCore#emitDue}), in order id order, after
 * {@code cursor} (null: none rebuilt yet). A large merchant's change so spreads over several
 * emissions, each in a transaction of bounded size.
 *
 * @param causeMillis the Kafka timestamp of the dimension record that changed it
 */
record DimensionSweep(Dataset dataset, String id, long causeMillis, String cursor) {
  private static final byte FORMAT = 1;

  /** The store key: one sweep per dimension id, restarted when the id changes again. */
  String key() {
    return key(dataset, id);
  }

  static String key(Dataset dataset, String id) {
    return dataset.ordinal() + ":" + id;
  }

  DimensionSweep after(String orderId) {
    return new DimensionSweep(dataset, id, causeMillis, orderId);
  }

  byte[] toBytes() {
    BinaryWriter out = new BinaryWriter(32 + id.length());
    out.write(FORMAT);
    out.write(dataset.ordinal());
    out.string(id);
    out.varlong(causeMillis);
    out.nullableString(cursor);
    return out.toByteArray();
  }

  static DimensionSweep fromBytes(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes, "a dimension sweep");
    int format = in.read();
    if (format != FORMAT) {
      throw new IllegalArgumentException("unknown format " + format + " of a dimension sweep");
    }
    Dataset dataset = Dataset.values()[in.read()];
    String id = in.string();
    long cause = in.varlong();
    String cursor = in.nullableString();
    return new DimensionSweep(dataset, id, cause, cursor);
  }
}
