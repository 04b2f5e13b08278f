package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.IsoInstant;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders status.json lines as the batch generator writes them: one compact JSON object, fields in
 * {@link Dataset#ORDER_STATUS} order, created_at in ISO-8601 UTC with millis, every value a string.
 * Not thread safe.
 */
final class StatusLines {
  private static final List<String> FIELDS = Dataset.ORDER_STATUS.fieldNames();

  static {
    if (!FIELDS.equals(List.of("created_at", "order_id", "status_id", "value"))) {
      throw new IllegalStateException(
          "the ORDER_STATUS contract changed; update StatusLines: " + FIELDS);
    }
  }

  private final StringBuilder line = new StringBuilder(160);

  byte[] render(long createdAtMillis, String orderId, String statusId, StatusFlow.Status status) {
    line.setLength(0);
    line.append("{\"").append(FIELDS.get(0)).append("\":\"");
    IsoInstant.append(line, createdAtMillis);
    appendMember(FIELDS.get(1), orderId);
    appendMember(FIELDS.get(2), statusId);
    appendMember(FIELDS.get(3), status.name());
    line.append("\"}");
    return line.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Closes the previous string value and opens this member's: {@code ","name":"value}. */
  private void appendMember(String name, String value) {
    line.append("\",\"").append(name).append("\":\"").append(value);
  }
}
