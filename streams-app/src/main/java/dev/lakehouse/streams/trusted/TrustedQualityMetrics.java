package dev.lakehouse.streams.trusted;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trusted stage's data-quality counters as gauges ({@code
 * lakehouse_trusted_quality{metric=...}}): the sum over the tasks this instance runs, as of each
 * task's last measurement.
 */
public final class TrustedQualityMetrics {
  private final Map<String, QualityCounters> byTask = new ConcurrentHashMap<>();

  /** Gauges that nobody reads: for tests and for an app without a registry. */
  public static TrustedQualityMetrics unregistered() {
    return new TrustedQualityMetrics();
  }

  public static TrustedQualityMetrics registeredIn(MeterRegistry registry) {
    TrustedQualityMetrics metrics = new TrustedQualityMetrics();
    for (QualityCounters.Metric metric : QualityCounters.Metric.values()) {
      Gauge.builder("lakehouse.trusted.quality", metrics, m -> m.sum(metric))
          .description("trusted stage data quality, summed over this instance's tasks")
          .tag("metric", metric.column())
          .register(registry);
    }
    return metrics;
  }

  private TrustedQualityMetrics() {}

  void measured(String task, QualityCounters counters) {
    byTask.put(task, counters.copy());
  }

  void closed(String task) {
    byTask.remove(task);
  }

  /** The sum of one counter over this instance's tasks. */
  public long sum(QualityCounters.Metric metric) {
    return byTask.values().stream().mapToLong(c -> c.get(metric)).sum();
  }
}
