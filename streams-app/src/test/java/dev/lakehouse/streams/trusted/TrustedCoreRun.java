package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@link TrustedCore} on a {@link MemoryTrustedStore}, with no Kafka: inputs in, emissions
 * collected. With a {@code Random}, it also emits at random points between inputs, so that changes
 * are grouped into emissions at random.
 */
final class TrustedCoreRun implements TrustedRun {
  final MemoryTrustedStore store;
  private final int fanOutPerEmission;
  private final Random emitPoints;
  private TrustedCore core;
  private final Map<TrustedEmission.Output, List<Map<String, Object>>> emitted =
      new EnumMap<>(TrustedEmission.Output.class);
  private final List<TrustedEmission> deadLetters = new ArrayList<>();

  /** Largest number of orders one emission rebuilt, and how many emissions there were. */
  int largestEmission;

  int emissions;
  private long clock = 1_000_000;

  /** With a retention: the lake the dropped orders are found in again, and the retention. */
  private LakeStandIn lake;

  private long retentionMillis;

  /** How many times the clock jumped past the retention. */
  int retentionJumps;

  TrustedCoreRun(int fanOutPerEmission, Random emitPoints) {
    this(new MemoryTrustedStore(), fanOutPerEmission, emitPoints);
  }

  TrustedCoreRun(MemoryTrustedStore store, int fanOutPerEmission, Random emitPoints) {
    this.store = store;
    this.fanOutPerEmission = fanOutPerEmission;
    this.emitPoints = emitPoints;
    this.core = new TrustedCore(TrustedInputs.KEY, store, fanOutPerEmission);
    for (TrustedEmission.Output output : TrustedEmission.Output.values()) {
      emitted.put(output, new ArrayList<>());
    }
  }

  /**
   * A run whose core drops orders after {@code retentionMillis} and finds them in a lake that holds
   * every input and every version emitted; with a {@code Random}, the clock also jumps past the
   * retention at random emissions.
   */
  static TrustedCoreRun withRetention(int fanOutPerEmission, Random emitPoints, long retention) {
    TrustedCoreRun run = new TrustedCoreRun(fanOutPerEmission, emitPoints);
    run.lake = new LakeStandIn();
    run.retentionMillis = retention;
    run.core = new TrustedCore(TrustedInputs.KEY, run.store, fanOutPerEmission, retention);
    return run;
  }

  TrustedCore core() {
    return core;
  }

  /** A new core over the same store, as after a restart: what was in memory only is gone. */
  void restart() {
    core = new TrustedCore(TrustedInputs.KEY, store, fanOutPerEmission, retentionMillis);
  }

  @Override
  public void pipe(Dataset dataset, String key, byte[] value) {
    long timestamp = clock++;
    if (lake != null) {
      lake.land(dataset, value);
    }
    switch (dataset) {
      case ORDER -> core.onOrderCopy(value, timestamp);
      case ORDER_STATUS -> core.onStatus(value, timestamp);
      default -> core.onDimension(dataset, value, timestamp);
    }
    if (emitPoints != null && emitPoints.nextInt(3) == 0) {
      emitOnce();
    }
  }

  /** One emission; returns what it emitted. */
  List<TrustedEmission> emitOnce() {
    clock += 1_000;
    if (lake != null) {
      if (emitPoints != null && emitPoints.nextInt(4) == 0) {
        clock += retentionMillis + 3_600_000;
        retentionJumps++;
      }
      for (String orderId : core.archiveRequests(10)) {
        core.rehydrate(orderId, lake.find(orderId), clock);
      }
    }
    List<TrustedEmission> out = core.emitDue(clock);
    emissions++;
    for (TrustedEmission emission : out) {
      if (emission.output() == TrustedEmission.Output.DEAD_LETTER) {
        deadLetters.add(emission);
      } else {
        Map<String, Object> row =
            TrustedDriver.codec(topicOf(emission.output())).decodeToMap(emission.value());
        emitted.get(emission.output()).add(row);
        if (lake != null) {
          lake.emitted(emission.output(), row);
        }
      }
    }
    return out;
  }

  /** Emits until nothing is pending and every sweep is done. */
  void drain() {
    for (int guard = 0;
        core.backlog().pendingOrders() > 0
            || core.backlog().sweeps() > 0
            || !core.archiveRequests(1).isEmpty();
        guard++) {
      if (guard > 1_000_000) {
        throw new AssertionError("the core does not drain: " + core.backlog());
      }
      emitOnce();
    }
  }

  @Override
  public List<Map<String, Object>> versions(String topic) {
    drain();
    return emitted.get(outputOf(topic));
  }

  List<TrustedEmission> deadLetters() {
    drain();
    return deadLetters;
  }

  @Override
  public Map<String, Object> measureQuality() {
    drain();
    return core.counters().asRow();
  }

  @Override
  public void close() {}

  static TrustedEmission.Output outputOf(String topic) {
    return switch (topic) {
      case Topics.TRUSTED_ORDER_ROWS -> TrustedEmission.Output.ORDER;
      case Topics.TRUSTED_ITEM_ROWS -> TrustedEmission.Output.ITEM;
      case Topics.TRUSTED_GARNISH_ROWS -> TrustedEmission.Output.GARNISH;
      case Topics.TRUSTED_STATUS_ROWS -> TrustedEmission.Output.STATUS;
      default -> throw new IllegalArgumentException(topic);
    };
  }

  static String topicOf(TrustedEmission.Output output) {
    return switch (output) {
      case ORDER -> Topics.TRUSTED_ORDER_ROWS;
      case ITEM -> Topics.TRUSTED_ITEM_ROWS;
      case GARNISH -> Topics.TRUSTED_GARNISH_ROWS;
      case STATUS -> Topics.TRUSTED_STATUS_ROWS;
      case DEAD_LETTER -> Topics.DLQ_TRUSTED;
    };
  }
}
