package dev.lakehouse.streams.trusted;

import java.time.OffsetDateTime;
import java.util.Comparator;

/** One status event of an order, as in {@code raw.order_status}; equal events are one event. */
public record StatusEvent(String statusId, OrderStatus value, OffsetDateTime createdAt) {

  /**
   * The four statuses an order goes through, in flow order; the rank breaks ties between events at
   * the same instant. (Not {@link OrderState}, which is what the trusted stage keeps of an order.)
   */
  public enum OrderStatus {
    REGISTERED,
    PLACED,
    CONCLUDED,
    CANCELLED
  }

  /**
   * Time first, then the state's rank, then the status id: a total order that ignores arrival
   * order.
   */
  public static final Comparator<StatusEvent> CHRONOLOGICAL =
      Comparator.comparing((StatusEvent e) -> e.createdAt().toInstant())
          .thenComparing(StatusEvent::value)
          .thenComparing(StatusEvent::statusId);
}
