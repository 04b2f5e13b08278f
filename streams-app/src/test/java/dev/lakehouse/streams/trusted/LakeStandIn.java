package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.RawRowCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the raw and trusted tables hold for the trusted stage's tests of the retention: every input
 * the stage read, and the highest version it emitted per order and table.
 */
final class LakeStandIn implements OrderArchive {
  private final RawRowCodec orders = new RawRowCodec(Dataset.ORDER.contract());
  private final RawRowCodec statuses = new RawRowCodec(Dataset.ORDER_STATUS.contract());
  private final Map<String, List<byte[]>> copies = new HashMap<>();
  private final Map<String, List<byte[]>> statusEvents = new HashMap<>();
  private final Map<String, Map<TrustedEmission.Output, Long>> versions = new HashMap<>();

  void land(Dataset dataset, byte[] value) {
    if (dataset == Dataset.ORDER) {
      String id =
          (String) orders.decode(value).values()[Dataset.ORDER.fieldNames().indexOf("order_id")];
      copies.computeIfAbsent(id, k -> new ArrayList<>()).add(value);
    } else if (dataset == Dataset.ORDER_STATUS) {
      Object[] values = statuses.decode(value).values();
      String id = (String) values[Dataset.ORDER_STATUS.fieldNames().indexOf("order_id")];
      statusEvents.computeIfAbsent(id, k -> new ArrayList<>()).add(value);
    }
  }

  void emitted(TrustedEmission.Output output, Map<String, Object> row) {
    String id = (String) row.get("order_id");
    versions
        .computeIfAbsent(id, k -> new HashMap<>())
        .merge(output, (Long) row.get(TrustedTables.VERSION), Math::max);
  }

  @Override
  public Archived find(String orderId) {
    Map<TrustedEmission.Output, Long> v = versions.getOrDefault(orderId, Map.of());
    return new Archived(
        copies.getOrDefault(orderId, List.of()),
        statusEvents.getOrDefault(orderId, List.of()),
        v.getOrDefault(TrustedEmission.Output.ORDER, 0L),
        Math.max(
            v.getOrDefault(TrustedEmission.Output.ITEM, 0L),
            v.getOrDefault(TrustedEmission.Output.GARNISH, 0L)),
        v.getOrDefault(TrustedEmission.Output.STATUS, 0L));
  }
}
