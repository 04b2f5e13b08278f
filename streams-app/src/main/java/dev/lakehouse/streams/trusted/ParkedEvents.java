package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.codec.BinaryReader;
import dev.lakehouse.streams.codec.BinaryWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The events that came for an order the stage dropped ({@code trusted.state-retention}), kept in
 * arrival order until the order is looked up in the lake and they can be applied to it.
 */
final class ParkedEvents {
  private static final byte FORMAT = 1;

  /** What an event is: an order copy, a status event, or a change of its consumer or restaurant. */
  enum Kind {
    ORDER_COPY,
    STATUS,
    REBUILD
  }

  /** One parked event, as it came. */
  record Event(Kind kind, byte[] encoded, long timestampMillis) {}

  final List<Event> events;

  private ParkedEvents(List<Event> events) {
    this.events = events;
  }

  static ParkedEvents fromBytes(byte[] bytes) {
    if (bytes == null) {
      return new ParkedEvents(new ArrayList<>());
    }
    BinaryReader in = new BinaryReader(bytes, "an order's parked events");
    int format = in.read();
    if (format != FORMAT) {
      throw new IllegalArgumentException("unknown format " + format + " of parked events");
    }
    long count = in.varint();
    List<Event> events = new ArrayList<>((int) Math.min(count, 16));
    for (long i = 0; i < count; i++) {
      Kind kind = Kind.values()[in.read()];
      long timestamp = in.varlong();
      events.add(new Event(kind, in.bytes(), timestamp));
    }
    return new ParkedEvents(events);
  }

  byte[] toBytes() {
    int size = 6;
    for (Event event : events) {
      size += event.encoded().length + 16;
    }
    BinaryWriter out = new BinaryWriter(size);
    out.write(FORMAT);
    out.varint(events.size());
    for (Event event : events) {
      out.write(event.kind().ordinal());
      out.varlong(event.timestampMillis());
      out.bytes(event.encoded());
    }
    return out.toByteArray();
  }
}
