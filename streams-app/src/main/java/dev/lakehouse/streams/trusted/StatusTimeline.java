package dev.lakehouse.streams.trusted;

import dev.lakehouse.streams.trusted.StatusEvent.OrderStatus;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an order's status events say, whatever order they arrived in and however often each was
 * repeated: the first time the order reached each state, the last event (by time, ties broken by
 * the state's rank and then the status id), and whether the states follow a valid flow.
 *
 * <p>Valid flows (the contract): REGISTERED &lt; PLACED &lt; CONCLUDED, REGISTERED &lt; PLACED &lt;
 * CANCELLED, REGISTERED &lt; CANCELLED, and any open prefix of them (REGISTERED; REGISTERED &lt;
 * PLACED). The times compared are each state's first time; equal times count as in order. An order
 * with an event for a state outside its flow (CONCLUDED and CANCELLED, PLACED without REGISTERED,
 * ...) is invalid.
 */
public final class StatusTimeline {
  private static final List<List<OrderStatus>> VALID_FLOWS =
      List.of(
          List.of(OrderStatus.REGISTERED),
          List.of(OrderStatus.REGISTERED, OrderStatus.PLACED),
          List.of(OrderStatus.REGISTERED, OrderStatus.PLACED, OrderStatus.CONCLUDED),
          List.of(OrderStatus.REGISTERED, OrderStatus.PLACED, OrderStatus.CANCELLED),
          List.of(OrderStatus.REGISTERED, OrderStatus.CANCELLED));

  private final Map<OrderStatus, OffsetDateTime> firstTimes;
  private final StatusEvent last;
  private final int distinctEvents;
  private final boolean validFlow;

  private StatusTimeline(
      Map<OrderStatus, OffsetDateTime> firstTimes,
      StatusEvent last,
      int distinctEvents,
      boolean validFlow) {
    this.firstTimes = firstTimes;
    this.last = last;
    this.distinctEvents = distinctEvents;
    this.validFlow = validFlow;
  }

  /**
   * The timeline of {@code events} (duplicates allowed, any order); empty events give an empty
   * timeline.
   */
  public static StatusTimeline of(Collection<StatusEvent> events) {
    TreeSet<StatusEvent> distinct = new TreeSet<>(StatusEvent.CHRONOLOGICAL);
    distinct.addAll(events);
    Map<OrderStatus, OffsetDateTime> first = new EnumMap<>(OrderStatus.class);
    for (StatusEvent event : distinct) {
      first.putIfAbsent(event.value(), event.createdAt());
    }
    return new StatusTimeline(
        first, distinct.isEmpty() ? null : distinct.last(), distinct.size(), isValid(first));
  }

  private static boolean isValid(Map<OrderStatus, OffsetDateTime> first) {
    List<OrderStatus> states = List.copyOf(first.keySet()); // EnumMap: in flow order
    if (!VALID_FLOWS.contains(states)) {
      return false;
    }
    for (int i = 1; i < states.size(); i++) {
      if (first.get(states.get(i)).toInstant().isBefore(first.get(states.get(i - 1)).toInstant())) {
        return false;
      }
    }
    return true;
  }

  /** When the order first reached {@code state}, or null. */
  public OffsetDateTime firstTime(OrderStatus state) {
    return firstTimes.get(state);
  }

  /** The last event, or null when there is none. */
  public StatusEvent last() {
    return last;
  }

  public int distinctEvents() {
    return distinctEvents;
  }

  /** Whether the states follow a valid (possibly still open) flow; false without events. */
  public boolean validFlow() {
    return validFlow;
  }
}
