package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.streams.codec.RowCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trusted stage of one task as a Kafka Streams processor: the order copies and status events of
 * the orders in its partitions (keyed by order_id), and every consumer and restaurant (broadcast to
 * all tasks). It only moves data: records into the {@link TrustedCore}, which keeps its state in
 * the task's stores ({@link StreamsTrustedStore}), and on a wall-clock punctuation the core's
 * emissions out to the rows topics and the dead letters, plus the task's data-quality row.
 */
final class TrustedOrderProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  static final String ORDER_OUT = "trusted-order-rows";
  static final String ITEM_OUT = "trusted-item-rows";
  static final String GARNISH_OUT = "trusted-garnish-rows";
  static final String STATUS_OUT = "trusted-status-rows";
  static final String DEAD_LETTER_OUT = "trusted-dead-letters";
  static final String QUALITY_OUT = "trusted-quality-rows";

  /**
   * How often the orders changed since the last emission get their new versions: the changes of one
   * interval (an order and its statuses arriving together in a backlog) make one version, not one
   * each.
   */
  static final Duration EMIT_INTERVAL = Duration.ofSeconds(1);

  /**
   * How often each task measures its data quality into {@value Topics#TRUSTED_QUALITY}, when it
   * changed.
   */
  static final Duration QUALITY_INTERVAL = Duration.ofSeconds(5);

  /**
   * How many orders a task looks up in the lake per emission at most, for events that came after
   * their order was dropped: each takes a few table scans.
   */
  static final int LAKE_LOOKUPS_PER_EMISSION = 10;

  private static final Logger LOG = LoggerFactory.getLogger(TrustedOrderProcessor.class);

  private final byte[] pseudonymKey;
  private final int fanOutPerEmission;
  private final Duration stateRetention;
  private final OrderArchive archive;
  private final TrustedQualityMetrics qualityMetrics;
  private final RowCodec qualityCodec = new RowCodec(TrustedTables.dataQuality());
  private final String orderTopic = Topics.rawRows(Dataset.ORDER.contract());
  private final String statusTopic = Topics.rawRows(Dataset.ORDER_STATUS.contract());
  private ProcessorContext<byte[], byte[]> context;
  private TrustedCore core;
  private QualityCounters lastMeasured;
  private String task;

  private TrustedCore.RetentionCounts lastLogged = new TrustedCore.RetentionCounts(0, 0);

  TrustedOrderProcessor(
      byte[] pseudonymKey,
      int fanOutPerEmission,
      Duration stateRetention,
      OrderArchive archive,
      TrustedQualityMetrics qualityMetrics) {
    this.pseudonymKey = pseudonymKey.clone();
    this.fanOutPerEmission = fanOutPerEmission;
    this.stateRetention = stateRetention;
    this.archive = archive;
    this.qualityMetrics = qualityMetrics;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    this.core =
        new TrustedCore(
            pseudonymKey,
            new StreamsTrustedStore(context),
            fanOutPerEmission,
            stateRetention.toMillis());
    this.task = context.taskId().toString();
    context.schedule(EMIT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::emitDue);
    context.schedule(QUALITY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::measureQuality);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
    if (topic.equals(orderTopic)) {
      core.onOrderCopy(record.value(), record.timestamp());
    } else if (topic.equals(statusTopic)) {
      core.onStatus(record.value(), record.timestamp());
    } else if (topic.equals(Topics.TRUSTED_DIMENSIONS)) {
      byte[] value = record.value();
      core.onDimension(
          Dataset.values()[value[0]],
          Arrays.copyOfRange(value, 1, value.length),
          record.timestamp());
    } else {
      throw new IllegalStateException("the trusted stage does not read " + topic);
    }
  }

  private void emitDue(long wallClockMillis) {
    long now = context.currentSystemTimeMs();
    fromLake(now);
    for (TrustedEmission emission : core.emitDue(now)) {
      RecordHeaders headers = new RecordHeaders();
      emission.headers().forEach(header -> headers.add(header.key(), header.value()));
      context.forward(
          new Record<>(emission.key(), emission.value(), emission.timestampMillis(), headers),
          switch (emission.output()) {
            case ORDER -> ORDER_OUT;
            case ITEM -> ITEM_OUT;
            case GARNISH -> GARNISH_OUT;
            case STATUS -> STATUS_OUT;
            case DEAD_LETTER -> DEAD_LETTER_OUT;
          });
    }
  }

  /**
   * Looks up in the lake the orders whose events came after their drop, a bounded number per
   * emission. A lake that cannot answer now is asked again at the next emission; the events wait.
   */
  private void fromLake(long now) {
    for (String orderId : core.archiveRequests(LAKE_LOOKUPS_PER_EMISSION)) {
      OrderArchive.Archived archived;
      try {
        archived = archive.find(orderId);
      } catch (RuntimeException e) {
        LOG.warn(
            "task {}: could not look up a dropped order in the lake ({}); its events wait for the next emission",
            task,
            e.toString());
        return;
      }
      core.rehydrate(orderId, archived, now);
    }
    TrustedCore.RetentionCounts counts = core.retentionCounts();
    if (!counts.equals(lastLogged)) {
      LOG.info(
          "task {}: {} orders dropped after {} without a change, {} taken back from the lake for a later event (since start)",
          task,
          counts.dropped(),
          stateRetention,
          counts.fromLake());
      lastLogged = counts;
    }
  }

  /** Emits the task's counters as a data-quality row when they changed since the last one. */
  private void measureQuality(long wallClockMillis) {
    QualityCounters counters = core.counters();
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
  public void close() {
    qualityMetrics.closed(task);
  }
}
