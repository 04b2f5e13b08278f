package dev.lakehouse.ingest.generate.live;

import java.util.List;

/**
 * When one order's records go out, in millis after the order's creation: its status rows in flow
 * order (offsets non-decreasing), each maybe followed by an exact copy, and its order line.
 *
 * @param registeredFirst whether REGISTERED goes out before the order line (which then comes {@code
 *     orderLineOffsetMillis} later, still carrying the creation time)
 * @param orderLineOffsetMillis when the order line goes out; 0 unless {@code registeredFirst}
 */
record StatusFlow(boolean registeredFirst, long orderLineOffsetMillis, List<Step> steps) {
  /** The values of status.json's {@code value} field. */
  enum Status {
    REGISTERED,
    PLACED,
    CONCLUDED,
    CANCELLED
  }

  /**
   * One status row.
   *
   * @param duplicateOffsetMillis when an exact copy of the row goes out (never after the next
   *     step), or {@link #NO_DUPLICATE}
   */
  record Step(Status status, long offsetMillis, long duplicateOffsetMillis) {
    static final long NO_DUPLICATE = -1;

    boolean duplicated() {
      return duplicateOffsetMillis != NO_DUPLICATE;
    }
  }

  StatusFlow {
    steps = List.copyOf(steps);
  }

  /** The last status of the flow (REGISTERED or PLACED for a flow still open). */
  Status last() {
    return steps.get(steps.size() - 1).status();
  }
}
