package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DeadLetterHeaders;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.streams.codec.RowCodec;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.raw.RawRowCodec.RawRow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The trusted stage of one task: the order copies and status events of the orders in its partitions
 * (keyed by order_id), and every consumer and restaurant (broadcast to all tasks). Whenever
 * something an order depends on changes, it builds the order's trusted rows again ({@link
 * TrustedRows}) and emits, per table, a new version only when the row (or the item set) differs
 * from the last one emitted. So the result depends on what arrived, never on the order it arrived
 * in.
 */
final class TrustedOrderProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  static final String STATE_STORE = "trusted-order-state";
  static final String COPIES_STORE = "trusted-order-copies";
  static final String CONSUMER_STORE = "trusted-consumers";
  static final String RESTAURANT_STORE = "trusted-restaurants";
  static final String BY_CUSTOMER_STORE = "trusted-orders-by-customer";
  static final String BY_MERCHANT_STORE = "trusted-orders-by-merchant";
  static final String ORDER_OUT = "trusted-order-rows";
  static final String ITEM_OUT = "trusted-item-rows";
  static final String GARNISH_OUT = "trusted-garnish-rows";
  static final String STATUS_OUT = "trusted-status-rows";
  static final String DEAD_LETTER_OUT = "trusted-dead-letters";
  static final String QUALITY_OUT = "trusted-quality-rows";
  static final String QUALITY_STORE = "trusted-quality";
  static final String PENDING_STORE = "trusted-pending-orders";

  /**
   * How often the orders changed since the last emission get their new versions: the changes of one
   * interval (an order and its statuses arriving together in a backlog) make one version, not one
   * each.
   */
  static final Duration EMIT_INTERVAL = Duration.ofSeconds(1);

  /**
   * How often each task measures its data quality into {@value TrustedTopics#QUALITY}, when it
   * changed.
   */
  static final Duration QUALITY_INTERVAL = Duration.ofSeconds(5);

  private static final String COUNTERS_KEY = "counters";
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
  private static final char SEPARATOR = '\u0000';
  private static final OffsetDateTime PLACEHOLDER_TIME =
      OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);

  private final byte[] pseudonymKey;
  private final RawRowCodec orders = new RawRowCodec(Dataset.ORDER.contract());
  private final RawRowCodec statuses = new RawRowCodec(Dataset.ORDER_STATUS.contract());
  private final RawRowCodec consumers = new RawRowCodec(Dataset.CONSUMER.contract());
  private final RawRowCodec restaurants = new RawRowCodec(Dataset.RESTAURANT.contract());
  private final RowCodec orderCodec = new RowCodec(TrustedTables.order());
  private final RowCodec itemCodec = new RowCodec(TrustedTables.orderItem());
  private final RowCodec garnishCodec = new RowCodec(TrustedTables.orderItemGarnish());
  private final RowCodec statusCodec = new RowCodec(TrustedTables.orderStatus());
  private final int statusIdField = Dataset.ORDER_STATUS.fieldNames().indexOf("status_id");
  private final int statusValueField = Dataset.ORDER_STATUS.fieldNames().indexOf("value");
  private final int statusTimeField = Dataset.ORDER_STATUS.fieldNames().indexOf("created_at");
  private final int statusOrderField = Dataset.ORDER_STATUS.fieldNames().indexOf("order_id");
  private ProcessorContext<byte[], byte[]> context;
  private KeyValueStore<String, byte[]> states;
  private KeyValueStore<String, byte[]> copyStore;
  private KeyValueStore<String, byte[]> consumerStore;
  private KeyValueStore<String, byte[]> restaurantStore;
  private KeyValueStore<String, byte[]> byCustomer;
  private KeyValueStore<String, byte[]> byMerchant;
  private KeyValueStore<String, byte[]> qualityStore;
  private KeyValueStore<String, Long> pendingStore;

  /**
   * Orders changed since the last emission, with the Kafka timestamp of the oldest change not yet
   * emitted.
   */
  private final Map<String, Long> pending = new java.util.LinkedHashMap<>();

  private QualityCounters counters;
  private QualityCounters lastMeasured;
  private final RowCodec qualityCodec = new RowCodec(TrustedTables.dataQuality());
  private final TrustedQualityMetrics qualityMetrics;
  private String task;
  private TrustedRows rows;

  TrustedOrderProcessor(byte[] pseudonymKey, TrustedQualityMetrics qualityMetrics) {
    this.pseudonymKey = pseudonymKey.clone();
    this.qualityMetrics = qualityMetrics;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.states = context.getStateStore(STATE_STORE);
    this.copyStore = context.getStateStore(COPIES_STORE);
    this.consumerStore = context.getStateStore(CONSUMER_STORE);
    this.restaurantStore = context.getStateStore(RESTAURANT_STORE);
    this.byCustomer = context.getStateStore(BY_CUSTOMER_STORE);
    this.byMerchant = context.getStateStore(BY_MERCHANT_STORE);
    this.rows = new TrustedRows(new Pseudonymizer(pseudonymKey));
    this.qualityStore = context.getStateStore(QUALITY_STORE);
    this.counters = QualityCounters.fromBytes(qualityStore.get(COUNTERS_KEY));
    this.task = context.taskId().toString();
    this.pendingStore = context.getStateStore(PENDING_STORE);
    try (KeyValueIterator<String, Long> it = pendingStore.all()) {
      it.forEachRemaining(entry -> pending.put(entry.key, entry.value));
    }
    context.schedule(EMIT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> emitPending());
    context.schedule(QUALITY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::measureQuality);
  }

  /**
   * Remembers that an order changed; its new rows are built and emitted at the next {@link
   * #emitPending()}.
   */
  private void markPending(String orderId, long causeTimestamp) {
    Long known = pending.get(orderId);
    if (known == null || causeTimestamp < known) {
      pending.put(orderId, causeTimestamp);
      pendingStore.put(orderId, causeTimestamp);
    }
  }

  /**
   * Builds the rows of every order changed since the last call and emits the versions that differ.
   */
  private void emitPending() {
    if (pending.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Long> entry : pending.entrySet()) {
      recomputeAndSave(entry.getValue(), entry.getKey(), loadState(entry.getKey()));
      pendingStore.delete(entry.getKey());
    }
    pending.clear();
    qualityStore.put(COUNTERS_KEY, counters.toBytes());
  }

  @Override
  public void close() {
    qualityMetrics.closed(task);
  }

  /** Emits the task's counters as a data-quality row when they changed since the last one. */
  private void measureQuality(long wallClockMillis) {
    qualityMetrics.measured(task, counters);
    if (counters.equals(lastMeasured)) {
      return;
    }
    lastMeasured = counters.copy();
    Map<String, Object> row = counters.asRow();
    row.put(
        "measured_at",
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(wallClockMillis), ZoneOffset.UTC));
    row.put("application_id", context.applicationId());
    row.put("stream_task", task);
    context.forward(
        new Record<>(
            task.getBytes(StandardCharsets.UTF_8),
            qualityCodec.encode(row),
            wallClockMillis,
            new RecordHeaders()),
        QUALITY_OUT);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    String where =
        context
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse("?");
    if (topic.equals(Topics.rawRows(Dataset.ORDER.contract()))) {
      counters.add(QualityCounters.Metric.ORDER_RECORDS_IN, 1);
      onOrderCopy(record, orders.decode(record.value()));
    } else if (topic.equals(Topics.rawRows(Dataset.ORDER_STATUS.contract()))) {
      counters.add(QualityCounters.Metric.STATUS_RECORDS_IN, 1);
      onStatus(record, statuses.decode(record.value()));
    } else if (topic.equals(Topics.TRUSTED_DIMENSIONS)) {
      counters.add(QualityCounters.Metric.DIMENSION_RECORDS_IN, 1);
      onDimension(record);
    } else {
      throw new IllegalStateException("the trusted stage does not read " + topic);
    }
    // in the same transaction as the records' effects: exact after a crash
    qualityStore.put(COUNTERS_KEY, counters.toBytes());
  }

  private void onOrderCopy(Record<byte[], byte[]> record, RawRow copy) {
    String orderId = (String) rows.orderField(copy, "order_id");
    OrderCopies copies = OrderCopies.fromBytes(copyStore.get(orderId));
    byte[] encoded = record.value();
    for (int i = 0; i < copies.encoded.size(); i++) {
      RawRow known = orders.decode(copies.encoded.get(i));
      if (Arrays.equals(known.values(), copy.values())) {
        if (compareLineage(copy, known) < 0) {
          copies.encoded.set(
              i, encoded); // the same copy seen twice: keep the first source position, whatever
          // arrived first
          copyStore.put(orderId, copies.toBytes());
        }
        markPending(orderId, record.timestamp());
        return;
      }
    }
    copies.encoded.add(encoded);
    copyStore.put(orderId, copies.toBytes());
    String customerId = (String) rows.orderField(copy, "customer_id");
    if (customerId != null) {
      byCustomer.put(customerId + SEPARATOR + orderId, new byte[0]);
    }
    byMerchant.put(
        rows.orderField(copy, "merchant_id") + String.valueOf(SEPARATOR) + orderId, new byte[0]);
    markPending(orderId, record.timestamp());
  }

  private void onStatus(Record<byte[], byte[]> record, RawRow status) {
    String orderId = (String) status.values()[statusOrderField];
    String statusId = (String) status.values()[statusIdField];
    StatusEvent event =
        new StatusEvent(
            statusId == null ? "" : statusId,
            StatusEvent.OrderStatus.valueOf((String) status.values()[statusValueField]),
            (OffsetDateTime) status.values()[statusTimeField]);
    OrderState state = loadState(orderId);
    if (state.addEvent(event)) {
      states.put(orderId, state.toBytes());
      markPending(orderId, record.timestamp());
    }
  }

  private void onDimension(Record<byte[], byte[]> record) {
    Dataset dataset = Dataset.values()[record.value()[0]];
    byte[] rowBytes = Arrays.copyOfRange(record.value(), 1, record.value().length);
    RawRowCodec codec = dataset == Dataset.CONSUMER ? consumers : restaurants;
    RawRow row = codec.decode(rowBytes);
    String id = (String) row.values()[dataset.fieldNames().indexOf(dataset.keyField())];
    if (id == null) {
      return;
    }
    KeyValueStore<String, byte[]> store =
        dataset == Dataset.CONSUMER ? consumerStore : restaurantStore;
    byte[] known = store.get(id);
    if (known != null) {
      RawRow current = codec.decode(known);
      if (Arrays.equals(current.values(), row.values())
          || DimensionChoice.keepsCurrent(dataset, current, row)) {
        return;
      }
    }
    store.put(id, rowBytes);
    List<String> affected = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it =
        (dataset == Dataset.CONSUMER ? byCustomer : byMerchant)
            .prefixScan(id + SEPARATOR, new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        affected.add(entry.key.substring(id.length() + 1));
      }
    }
    for (String orderId : affected) {
      markPending(orderId, record.timestamp());
    }
  }

  private OrderState loadState(String orderId) {
    return OrderState.fromBytes(states.get(orderId));
  }

  private void recomputeAndSave(long cause, String orderId, OrderState state) {
    byte[] key = orderId.getBytes(StandardCharsets.UTF_8);
    OffsetDateTime now =
        OffsetDateTime.ofInstant(
            Instant.ofEpochMilli(context.currentSystemTimeMs()), ZoneOffset.UTC);
    StatusTimeline timeline = StatusTimeline.of(state.events);
    int flags = 0;
    Map<String, Object> status = TrustedRows.status(orderId, timeline);
    if (status != null) {
      flags |= HAS_STATUS | (Boolean.TRUE.equals(status.get("valid_flow")) ? 0 : INVALID_FLOW);
    }
    if (status != null) {
      long hash = OrderState.hash(0, placeholderBytes(statusCodec, status));
      if (hash != state.statusHash) {
        state.statusHash = hash;
        state.statusVersion++;
        emit(cause, key, statusCodec, status, state.statusVersion, now, STATUS_OUT);
      }
    }
    OrderCopies stored = OrderCopies.fromBytes(copyStore.get(orderId));
    if (!stored.isEmpty()) {
      List<RawRow> copies = stored.encoded.stream().map(orders::decode).toList();
      DuplicateOrders.Resolution<RawRow> resolution =
          rows.chooseCopy(copies, timeline, state.events);
      RawRow chosen = resolution.chosen();
      Integer itemCount = emitItems(cause, key, orderId, state, chosen, now);
      String customerId = (String) rows.orderField(chosen, "customer_id");
      byte[] consumer = customerId == null ? null : consumerStore.get(customerId);
      byte[] restaurant = restaurantStore.get((String) rows.orderField(chosen, "merchant_id"));
      Map<String, Object> order =
          rows.order(
              resolution,
              timeline,
              consumer == null ? null : consumers.decode(consumer),
              restaurant == null ? null : restaurants.decode(restaurant),
              itemCount);
      flags |=
          HAS_ORDER
              | (Boolean.TRUE.equals(order.get("consumer_missing")) ? MISSING_CONSUMER : 0)
              | (Boolean.TRUE.equals(order.get("restaurant_missing")) ? MISSING_RESTAURANT : 0)
              | ((Integer) order.get("rejected_copies") > 0 ? REJECTED_DUPLICATE : 0);
      long hash = OrderState.hash(0, placeholderBytes(orderCodec, order));
      if (hash != state.orderHash) {
        state.orderHash = hash;
        state.orderVersion++;
        emit(cause, key, orderCodec, order, state.orderVersion, now, ORDER_OUT);
      }
    }
    for (Map.Entry<Integer, QualityCounters.Metric> entry : FLAG_METRICS.entrySet()) {
      int before = state.qualityFlags & entry.getKey();
      int after = flags & entry.getKey();
      if (before != after) {
        counters.add(entry.getValue(), after != 0 ? 1 : -1);
      }
    }
    state.qualityFlags = flags;
    states.put(orderId, state.toBytes());
  }

  /**
   * Emits the chosen copy's item set when it changed; returns the item count, or null when the
   * items cannot be read.
   */
  private Integer emitItems(
      long cause, byte[] key, String orderId, OrderState state, RawRow chosen, OffsetDateTime now) {
    String itemsJson = rows.itemsJson(chosen);
    long inputHash =
        OrderState.hash(
            OrderState.hash(
                0, itemsJson == null ? new byte[0] : itemsJson.getBytes(StandardCharsets.UTF_8)),
            rows.localDate(chosen).toString().getBytes(StandardCharsets.UTF_8));
    if (state.itemsInputHash != 0 && inputHash == state.itemsInputHash) {
      return state.itemCount < 0
          ? null
          : state.itemCount; // the same items on the same day: nothing to build again
    }
    state.itemsInputHash = inputHash;
    Integer count = buildItems(cause, key, orderId, state, chosen, itemsJson, now);
    state.itemCount = count == null ? -1 : count;
    return count;
  }

  private Integer buildItems(
      long cause,
      byte[] key,
      String orderId,
      OrderState state,
      RawRow chosen,
      String itemsJson,
      OffsetDateTime now) {
    OrderItems.Result result = OrderItems.parse(itemsJson);
    if (result instanceof OrderItems.Invalid invalid) {
      long hash = OrderState.hash(0, itemsJson.getBytes(StandardCharsets.UTF_8));
      if (hash != state.rejectedItemsHash) {
        state.rejectedItemsHash = hash;
        deadLetter(cause, key, chosen, itemsJson, invalid);
      }
      return null;
    }
    List<OrderItems.Item> items = ((OrderItems.Parsed) result).items();
    TrustedRows.ItemRows itemRows = rows.items(orderId, rows.localDate(chosen), items);
    long hash = 0;
    for (Map<String, Object> item : itemRows.items()) {
      hash = OrderState.hash(hash, placeholderBytes(itemCodec, item));
    }
    for (Map<String, Object> garnish : itemRows.garnishes()) {
      hash = OrderState.hash(hash, placeholderBytes(garnishCodec, garnish));
    }
    hash =
        OrderState.hash(hash, rows.localDate(chosen).toString().getBytes(StandardCharsets.UTF_8));
    if (hash != state.itemsHash) {
      state.itemsHash = hash;
      state.itemsVersion++;
      for (Map<String, Object> item : itemRows.items()) {
        emit(cause, key, itemCodec, item, state.itemsVersion, now, ITEM_OUT);
      }
      for (Map<String, Object> garnish : itemRows.garnishes()) {
        emit(cause, key, garnishCodec, garnish, state.itemsVersion, now, GARNISH_OUT);
      }
    }
    return items.size();
  }

  private void deadLetter(
      long cause, byte[] key, RawRow chosen, String itemsJson, OrderItems.Invalid invalid) {
    RecordHeaders headers = new RecordHeaders();
    Lineage lineage = chosen.lineage();
    DeadLetterHeaders.of(Dataset.ORDER.datasetName(), invalid.reason(), invalid.detail())
        .sourceRecord(
            lineage.topic(), lineage.partition(), lineage.offset(), lineage.kafkaTimestampMillis())
        .sourceFile(lineage.sourceUri(), lineage.sourceLine())
        .addTo(headers::add);
    context.forward(new Record<>(key, utf8(itemsJson), cause, headers), DEAD_LETTER_OUT);
    counters.add(QualityCounters.Metric.ITEM_DEAD_LETTERS, 1);
  }

  private void emit(
      long cause,
      byte[] key,
      RowCodec codec,
      Map<String, Object> row,
      long version,
      OffsetDateTime now,
      String child) {
    row.put(TrustedTables.VERSION, version);
    row.put(TrustedTables.VERSIONED_AT, now);
    row.put(
        TrustedTables.CAUSED_AT,
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(cause), ZoneOffset.UTC));
    context.forward(new Record<>(key, codec.encode(row), cause, new RecordHeaders()), child);
    counters.add(
        switch (child) {
          case ORDER_OUT -> QualityCounters.Metric.ORDER_VERSIONS_OUT;
          case ITEM_OUT -> QualityCounters.Metric.ITEM_ROWS_OUT;
          case GARNISH_OUT -> QualityCounters.Metric.GARNISH_ROWS_OUT;
          default -> QualityCounters.Metric.STATUS_VERSIONS_OUT;
        },
        1);
  }

  /**
   * The row's encoding with placeholder version columns: equal rows give equal bytes whatever their
   * version.
   */
  private static byte[] placeholderBytes(RowCodec codec, Map<String, Object> row) {
    row.put(TrustedTables.VERSION, 0L);
    row.put(TrustedTables.VERSIONED_AT, PLACEHOLDER_TIME);
    row.put(TrustedTables.CAUSED_AT, PLACEHOLDER_TIME);
    return codec.encode(row);
  }

  private static int compareLineage(RawRow a, RawRow b) {
    int topic = a.lineage().topic().compareTo(b.lineage().topic());
    if (topic != 0) {
      return topic;
    }
    int partition = Integer.compare(a.lineage().partition(), b.lineage().partition());
    return partition != 0 ? partition : Long.compare(a.lineage().offset(), b.lineage().offset());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
