package dev.lakehouse.ingest.generate.live;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Passes records on to a sink and counts them per dataset. */
final class CountingSink implements LiveSink {
  private final LiveSink sink;
  private final long[] counts = new long[Dataset.values().length];

  CountingSink(LiveSink sink) {
    this.sink = sink;
  }

  @Override
  public void emit(Dataset dataset, String key, byte[] value) throws IOException {
    sink.emit(dataset, key, value);
    counts[dataset.ordinal()]++;
  }

  /** Records passed on so far, every dataset present (0 for none). */
  Map<Dataset, Long> counts() {
    Map<Dataset, Long> map = new EnumMap<>(Dataset.class);
    for (Dataset dataset : Dataset.values()) {
      map.put(dataset, counts[dataset.ordinal()]);
    }
    return Collections.unmodifiableMap(map);
  }
}
