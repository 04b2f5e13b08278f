package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders the status.json rows of one order, in time order (the file writer shuffles them):
 * REGISTERED just after the order's true creation time, PLACED about a second later, then CONCLUDED
 * or CANCELLED; also REGISTERED→CANCELLED and flows still open. Some rows are repeated verbatim (up
 * to 10 rows per order) and a few orders get the last status again, with a new status_id, days
 * later. Not thread safe.
 */
final class StatusRowsWriter {
  static final int MAX_ROWS = 10;
  private static final String[] KEY = JsonText.memberPrefixes(Dataset.ORDER_STATUS);

  static {
    if (!Dataset.ORDER_STATUS
        .fieldNames()
        .equals(List.of("created_at", "order_id", "status_id", "value"))) {
      throw new IllegalStateException("the ORDER_STATUS contract changed; update StatusRowsWriter");
    }
  }

  private final RandomStreams streams;
  private final String[] rows = new String[MAX_ROWS];
  private final StringBuilder line = new StringBuilder(192);
  private int count;

  StatusRowsWriter(RandomStreams streams) {
    this.streams = streams;
  }

  /** Renders the rows of {@code order}; returns how many, read them with {@link #row}. */
  int render(OrderSkeleton order) {
    SplittableRandom random = streams.of(RandomStreams.Purpose.ORDER_STATUS, order.index());
    count = 0;
    long registered = order.createdAtMillis() + random.nextInt(1000);
    add(random, order, registered, "REGISTERED");
    long last = registered;
    String lastValue = "REGISTERED";
    double flow = random.nextDouble();
    if (flow < 0.92 || flow >= 0.97) {
      last = registered + 500 + random.nextInt(2000);
      lastValue = "PLACED";
      add(random, order, last, lastValue);
    }
    if (flow < 0.86) {
      last += 20 * 60_000L + random.nextLong(80 * 60_000L);
      lastValue = "CONCLUDED";
      add(random, order, last, lastValue);
    } else if (flow < 0.92) {
      last += 2 * 60_000L + random.nextLong(38 * 60_000L);
      lastValue = "CANCELLED";
      add(random, order, last, lastValue);
    } else if (flow < 0.95) {
      last += 60_000L + random.nextLong(14 * 60_000L);
      lastValue = "CANCELLED";
      add(random, order, last, lastValue);
    }
    if (RandomText.chance(random, 0.005)) {
      add(
          random,
          order,
          last + 86_400_000L * (1 + random.nextInt(3)) + random.nextLong(3_600_000L),
          lastValue);
    }
    int distinct = count;
    double duplicates = random.nextDouble();
    int extra =
        duplicates < 0.5 ? 0 : duplicates < 0.99 ? 1 + random.nextInt(3) : MAX_ROWS - distinct;
    for (int i = 0; i < extra && count < MAX_ROWS; i++) {
      rows[count++] = rows[random.nextInt(distinct)];
    }
    return count;
  }

  String row(int index) {
    return rows[index];
  }

  private void add(
      SplittableRandom random, OrderSkeleton order, long createdAtMillis, String value) {
    line.setLength(0);
    line.append(KEY[0]).append('"');
    IsoInstant.append(line, createdAtMillis);
    line.append('"').append(KEY[1]).append('"').append(order.orderId()).append('"');
    line.append(KEY[2]).append('"');
    RandomText.appendUuid(line, random.nextLong(), random.nextLong());
    line.append('"').append(KEY[3]).append('"').append(value).append("\"}");
    rows[count++] = line.toString();
  }
}
