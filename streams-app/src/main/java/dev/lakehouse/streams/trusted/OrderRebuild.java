package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DeadLetterHeaders;
import dev.lakehouse.streams.codec.Fingerprint;
import dev.lakehouse.streams.codec.VersionedRowCodec;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.raw.RawRowCodec.RawRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds one order's trusted rows again from what is kept about it ({@link OrderState}, {@link
 * OrderCopies}, its consumer and restaurant) and emits, per table, a new version only when the
 * content differs from the last version emitted (compared by {@link
 * VersionedRowCodec.Content#fingerprint()}: each row is encoded once). Also the order's item dead
 * letter, once per bad items string, and its data-quality flags. No I/O but the {@link
 * TrustedStore}.
 */
final class OrderRebuild {
  private static final int HAS_ORDER = 1;
  private static final int MISSING_CONSUMER = 2;
  private static final int MISSING_RESTAURANT = 4;
  private static final int REJECTED_DUPLICATE = 8;
  private static final int HAS_STATUS = 16;
  private static final int INVALID_FLOW = 32;
  private static final Map<Integer, QualityCounters.Metric> FLAG_METRICS =
      Map.of(
          HAS_ORDER,
          QualityCounters.Metric.ORDERS,
          MISSING_CONSUMER,
          QualityCounters.Metric.ORDERS_MISSING_CONSUMER,
          MISSING_RESTAURANT,
          QualityCounters.Metric.ORDERS_MISSING_RESTAURANT,
          REJECTED_DUPLICATE,
          QualityCounters.Metric.ORDERS_WITH_REJECTED_DUPLICATE,
          HAS_STATUS,
          QualityCounters.Metric.STATUS_ORDERS,
          INVALID_FLOW,
          QualityCounters.Metric.INVALID_FLOWS);
  private static final List<String> VERSION_COLUMNS =
      List.of(TrustedTables.VERSION, TrustedTables.VERSIONED_AT, TrustedTables.CAUSED_AT);
  private static final OffsetDateTime PLACEHOLDER_TIME =
      OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
  private static final List<Object> PLACEHOLDERS = List.of(0L, PLACEHOLDER_TIME, PLACEHOLDER_TIME);

  private final TrustedStore store;
  private final TrustedRows rows;
  private final QualityCounters counters;
  private final RawRowCodec orders = new RawRowCodec(Dataset.ORDER.contract());
  private final RawRowCodec consumers = new RawRowCodec(Dataset.CONSUMER.contract());
  private final RawRowCodec restaurants = new RawRowCodec(Dataset.RESTAURANT.contract());
  private final VersionedRowCodec orderCodec = versioned(TrustedTables.order());
  private final VersionedRowCodec itemCodec = versioned(TrustedTables.orderItem());
  private final VersionedRowCodec garnishCodec = versioned(TrustedTables.orderItemGarnish());
  private final VersionedRowCodec statusCodec = versioned(TrustedTables.orderStatus());

  OrderRebuild(TrustedStore store, TrustedRows rows, QualityCounters counters) {
    this.store = store;
    this.rows = rows;
    this.counters = counters;
  }

  private static VersionedRowCodec versioned(org.apache.iceberg.Schema schema) {
    return new VersionedRowCodec(schema, VERSION_COLUMNS, PLACEHOLDERS);
  }

  /** One rebuild's context: the order, the cause's timestamp, the time and where emissions go. */
  private record Run(
      String orderId,
      byte[] key,
      long cause,
      OffsetDateTime now,
      OrderState state,
      List<TrustedEmission> out) {}

  /**
   * Rebuilds {@code orderId}, adds what changed to {@code out} and saves the order's state.
   *
   * @param cause the Kafka timestamp of the oldest change not emitted yet
   * @param nowMillis when the versions are made ({@code _versioned_at})
   * @param recordRebuild when the order's copy is there, records the rebuild time in its state and
   *     is told the time recorded before ({@code trusted.state-retention}); null: not recorded
   */
  void rebuild(
      String orderId,
      long cause,
      long nowMillis,
      List<TrustedEmission> out,
      RebuildClock recordRebuild) {
    OrderState state = OrderState.fromBytes(store.orderState(orderId));
    Run run =
        new Run(
            orderId,
            orderId.getBytes(StandardCharsets.UTF_8),
            cause,
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC),
            state,
            out);
    StatusTimeline timeline = StatusTimeline.of(state.events);
    int flags = 0;
    Map<String, Object> status = TrustedRows.status(orderId, timeline);
    if (status != null) {
      flags |= HAS_STATUS | (Boolean.TRUE.equals(status.get("valid_flow")) ? 0 : INVALID_FLOW);
      VersionedRowCodec.Content content = statusCodec.encodeContent(status);
      long hash = content.fingerprint();
      if (hash != state.statusHash) {
        state.statusHash = hash;
        state.statusVersion++;
        emit(run, statusCodec, content, state.statusVersion, TrustedEmission.Output.STATUS);
      }
    }
    OrderCopies stored = OrderCopies.fromBytes(store.orderCopies(orderId));
    if (!stored.isEmpty()) {
      flags |= rebuildOrder(run, stored, timeline);
    }
    for (Map.Entry<Integer, QualityCounters.Metric> entry : FLAG_METRICS.entrySet()) {
      int before = state.qualityFlags & entry.getKey();
      int after = flags & entry.getKey();
      if (before != after) {
        counters.add(entry.getValue(), after != 0 ? 1 : -1);
      }
    }
    state.qualityFlags = flags;
    if (recordRebuild != null && !stored.isEmpty()) {
      long before = state.rebuiltAt;
      state.rebuiltAt = recordRebuild.rebuilt(orderId, before, nowMillis);
    }
    store.putOrderState(orderId, state.toBytes());
  }

  /**
   * Records an order's rebuild for the retention; returns the time to keep in its state. An order
   * of statuses alone is not recorded: it is never dropped, as its copy may still come.
   */
  @FunctionalInterface
  interface RebuildClock {
    long rebuilt(String orderId, long recordedBefore, long nowMillis);
  }

  /** The order row and its items; returns the order's quality flags. */
  private int rebuildOrder(Run run, OrderCopies stored, StatusTimeline timeline) {
    List<RawRow> copies = new ArrayList<>(stored.encoded.size());
    for (byte[] copy : stored.encoded) {
      copies.add(orders.decode(copy));
    }
    DuplicateOrders.Resolution<RawRow> resolution =
        rows.chooseCopy(copies, timeline, run.state().events);
    RawRow chosen = resolution.chosen();
    Integer itemCount = rebuildItems(run, chosen);
    String customerId = (String) rows.orderField(chosen, "customer_id");
    byte[] consumer = customerId == null ? null : store.dimension(Dataset.CONSUMER, customerId);
    byte[] restaurant =
        store.dimension(Dataset.RESTAURANT, (String) rows.orderField(chosen, "merchant_id"));
    Map<String, Object> order =
        rows.order(
            resolution,
            timeline,
            consumer == null ? null : consumers.decode(consumer),
            restaurant == null ? null : restaurants.decode(restaurant),
            itemCount);
    int flags =
        HAS_ORDER
            | (Boolean.TRUE.equals(order.get("consumer_missing")) ? MISSING_CONSUMER : 0)
            | (Boolean.TRUE.equals(order.get("restaurant_missing")) ? MISSING_RESTAURANT : 0)
            | ((Integer) order.get("rejected_copies") > 0 ? REJECTED_DUPLICATE : 0);
    VersionedRowCodec.Content content = orderCodec.encodeContent(order);
    long hash = content.fingerprint();
    OrderState state = run.state();
    if (hash != state.orderHash) {
      state.orderHash = hash;
      state.orderVersion++;
      emit(run, orderCodec, content, state.orderVersion, TrustedEmission.Output.ORDER);
    }
    return flags;
  }

  /**
   * Emits the chosen copy's item set when it changed; returns the item count, or null when the
   * items cannot be read.
   */
  private Integer rebuildItems(Run run, RawRow chosen) {
    OrderState state = run.state();
    String itemsJson = rows.itemsJson(chosen);
    byte[] localDate = rows.localDate(chosen).toString().getBytes(StandardCharsets.UTF_8);
    long inputHash =
        Fingerprint.of(
            Fingerprint.of(0, itemsJson == null ? new byte[0] : utf8(itemsJson)), localDate);
    if (state.itemsInputHash != 0 && inputHash == state.itemsInputHash) {
      // the same items on the same day: nothing to build again
      return state.itemCount < 0 ? null : state.itemCount;
    }
    state.itemsInputHash = inputHash;
    Integer count = buildItems(run, chosen, itemsJson, localDate);
    state.itemCount = count == null ? -1 : count;
    return count;
  }

  private Integer buildItems(Run run, RawRow chosen, String itemsJson, byte[] localDate) {
    OrderState state = run.state();
    OrderItems.Result result = OrderItems.parse(itemsJson);
    if (result instanceof OrderItems.Invalid invalid) {
      long hash = Fingerprint.of(0, utf8(itemsJson));
      if (hash != state.rejectedItemsHash) {
        state.rejectedItemsHash = hash;
        deadLetter(run, chosen, itemsJson, invalid);
      }
      return null;
    }
    List<OrderItems.Item> items = ((OrderItems.Parsed) result).items();
    TrustedRows.ItemRows itemRows = rows.items(run.orderId(), rows.localDate(chosen), items);
    List<VersionedRowCodec.Content> itemContents = new ArrayList<>(itemRows.items().size());
    List<VersionedRowCodec.Content> garnishContents = new ArrayList<>(itemRows.garnishes().size());
    long hash = 0;
    for (Map<String, Object> item : itemRows.items()) {
      VersionedRowCodec.Content content = itemCodec.encodeContent(item);
      itemContents.add(content);
      hash = content.fingerprintContinuing(hash);
    }
    for (Map<String, Object> garnish : itemRows.garnishes()) {
      VersionedRowCodec.Content content = garnishCodec.encodeContent(garnish);
      garnishContents.add(content);
      hash = content.fingerprintContinuing(hash);
    }
    hash = Fingerprint.of(hash, localDate);
    if (hash != state.itemsHash) {
      state.itemsHash = hash;
      state.itemsVersion++;
      for (VersionedRowCodec.Content item : itemContents) {
        emit(run, itemCodec, item, state.itemsVersion, TrustedEmission.Output.ITEM);
      }
      for (VersionedRowCodec.Content garnish : garnishContents) {
        emit(run, garnishCodec, garnish, state.itemsVersion, TrustedEmission.Output.GARNISH);
      }
    }
    return items.size();
  }

  private void deadLetter(Run run, RawRow chosen, String itemsJson, OrderItems.Invalid invalid) {
    List<TrustedEmission.Header> headers = new ArrayList<>();
    Lineage lineage = chosen.lineage();
    DeadLetterHeaders.of(Dataset.ORDER.datasetName(), invalid.reason(), invalid.detail())
        .sourceRecord(
            lineage.topic(), lineage.partition(), lineage.offset(), lineage.kafkaTimestampMillis())
        .sourceFile(lineage.sourceUri(), lineage.sourceLine())
        .addTo((key, value) -> headers.add(new TrustedEmission.Header(key, value)));
    run.out()
        .add(
            new TrustedEmission(
                TrustedEmission.Output.DEAD_LETTER,
                run.key(),
                utf8(itemsJson),
                run.cause(),
                List.copyOf(headers)));
    counters.add(QualityCounters.Metric.ITEM_DEAD_LETTERS, 1);
  }

  private void emit(
      Run run,
      VersionedRowCodec codec,
      VersionedRowCodec.Content content,
      long version,
      TrustedEmission.Output output) {
    byte[] value =
        codec.complete(
            content,
            version,
            run.now(),
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(run.cause()), ZoneOffset.UTC));
    run.out().add(new TrustedEmission(output, run.key(), value, run.cause(), List.of()));
    counters.add(
        switch (output) {
          case ORDER -> QualityCounters.Metric.ORDER_VERSIONS_OUT;
          case ITEM -> QualityCounters.Metric.ITEM_ROWS_OUT;
          case GARNISH -> QualityCounters.Metric.GARNISH_ROWS_OUT;
          default -> QualityCounters.Metric.STATUS_VERSIONS_OUT;
        },
        1);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
