package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.codec.BinaryReader;
import dev.lakehouse.streams.codec.BinaryWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trusted stage keeps about one order besides its copies ({@link OrderCopies}, a store of
 * their own, so that a status event does not rewrite them): its distinct status events, and, per
 * trusted table, the version it last emitted and a hash of that version's content (so an unchanged
 * row is never emitted again): {@link dev.lakehouse.streams.codec.Fingerprint}s of the content.
 */
final class OrderState {
  /** The only format any deployment has written (1 and 2 were never released). */
  private static final byte FORMAT = 3;

  final List<StatusEvent> events = new ArrayList<>();
  long orderVersion;
  long orderHash;
  long itemsVersion;
  long itemsHash;
  long statusVersion;
  long statusHash;

  /** The hash of the items last sent to the dead letters, so each bad items string is sent once. */
  long rejectedItemsHash;

  /**
   * The hash of the items string and local day the item set was last built from, and its item count
   * (-1: unreadable).
   */
  long itemsInputHash;

  int itemCount;

  /** What the data-quality counters last counted for this order ({@link OrderRebuild} flags). */
  int qualityFlags;

  /**
   * When the order was last rebuilt, to the hour recorded for {@code trusted.state-retention} (0:
   * not recorded). Written last, so that states written before it read as 0.
   */
  long rebuiltAt;

  boolean addEvent(StatusEvent event) {
    if (events.contains(event)) {
      return false;
    }
    events.add(event);
    return true;
  }

  byte[] toBytes() {
    BinaryWriter out = new BinaryWriter(96 + 32 * events.size());
    out.write(FORMAT);
    out.varint(events.size());
    for (StatusEvent event : events) {
      out.string(event.statusId());
      out.write(event.value().ordinal());
      Instant instant = event.createdAt().toInstant();
      out.varlong(instant.getEpochSecond());
      out.varint(instant.getNano());
    }
    for (long value :
        new long[] {
          orderVersion,
          orderHash,
          itemsVersion,
          itemsHash,
          statusVersion,
          statusHash,
          rejectedItemsHash,
          itemsInputHash
        }) {
      out.fixed64(value);
    }
    out.varlong(itemCount);
    out.varint(qualityFlags);
    out.varlong(rebuiltAt);
    return out.toByteArray();
  }

  static OrderState fromBytes(byte[] bytes) {
    OrderState state = new OrderState();
    if (bytes == null) {
      return state;
    }
    BinaryReader in = new BinaryReader(bytes, "an order's trusted state");
    int format = in.read();
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "unknown format " + format + " of an order's trusted state");
    }
    long events = in.varint();
    StatusEvent.OrderStatus[] values = StatusEvent.OrderStatus.values();
    for (long i = 0; i < events; i++) {
      String id = in.string();
      StatusEvent.OrderStatus value = values[in.read()];
      Instant instant = Instant.ofEpochSecond(in.varlong(), in.varint());
      state.events.add(
          new StatusEvent(id, value, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)));
    }
    state.orderVersion = in.fixed64();
    state.orderHash = in.fixed64();
    state.itemsVersion = in.fixed64();
    state.itemsHash = in.fixed64();
    state.statusVersion = in.fixed64();
    state.statusHash = in.fixed64();
    state.rejectedItemsHash = in.fixed64();
    state.itemsInputHash = in.fixed64();
    state.itemCount = (int) in.varlong();
    state.qualityFlags = (int) in.varint();
    state.rebuiltAt = in.position() < bytes.length ? in.varlong() : 0;
    return state;
  }
}
