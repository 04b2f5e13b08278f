package dev.lakehouse.streams.writer;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.iceberg.CommitDecision;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.DataFile;

/** Counters of the writer, per dataset (the Prometheus endpoint will publish them). */
public final class WriterMetrics {
  private final Map<Dataset, AtomicLong> rowsIn = new EnumMap<>(Dataset.class);
  private final Map<Dataset, AtomicLong> rowsCommitted = new EnumMap<>(Dataset.class);
  private final Map<Dataset, AtomicLong> commits = new EnumMap<>(Dataset.class);
  private final Map<Dataset, AtomicLong> refusedBatches = new EnumMap<>(Dataset.class);
  private final Map<Dataset, AtomicLong> filesWritten = new EnumMap<>(Dataset.class);

  public WriterMetrics() {
    for (Dataset d : Dataset.values()) {
      rowsIn.put(d, new AtomicLong());
      rowsCommitted.put(d, new AtomicLong());
      commits.put(d, new AtomicLong());
      refusedBatches.put(d, new AtomicLong());
      filesWritten.put(d, new AtomicLong());
    }
  }

  void recordIn(Dataset dataset) {
    rowsIn.get(dataset).incrementAndGet();
  }

  void commit(Dataset dataset, CommitDecision.Verdict verdict, List<DataFile> files, long nanos) {
    if (verdict == CommitDecision.Verdict.COMMIT) {
      commits.get(dataset).incrementAndGet();
      filesWritten.get(dataset).addAndGet(files.size());
      rowsCommitted.get(dataset).addAndGet(files.stream().mapToLong(DataFile::recordCount).sum());
    } else {
      refusedBatches.get(dataset).incrementAndGet();
    }
  }

  public long rowsCommitted(Dataset dataset) {
    return rowsCommitted.get(dataset).get();
  }

  public long commits(Dataset dataset) {
    return commits.get(dataset).get();
  }

  public long refusedBatches(Dataset dataset) {
    return refusedBatches.get(dataset).get();
  }
}
