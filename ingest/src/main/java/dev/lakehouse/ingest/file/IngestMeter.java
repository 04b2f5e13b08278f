package dev.lakehouse.ingest.file;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of a run, read by the progress reporter while the ingestor runs. */
public final class IngestMeter {
  final LongAdder records = new LongAdder();
  final LongAdder deadLetters = new LongAdder();
  final LongAdder sourceBytes = new LongAdder();
  final LongAdder filesDone = new LongAdder();
  final AtomicLong filesTotal = new AtomicLong();
  final AtomicLong bytesTotal = new AtomicLong();

  public long records() {
    return records.sum();
  }

  public long deadLetters() {
    return deadLetters.sum();
  }

  public long sourceBytes() {
    return sourceBytes.sum();
  }
}
