package dev.lakehouse.ingest.file;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a run's progress: a line rewritten every second on a terminal, a log line every 10 seconds
 * otherwise (records, MB/s of source, files, ETA).
 */
final class ProgressReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

  private final IngestMeter meter;
  private final boolean terminal;
  private final PrintStream out;
  private final Thread thread;
  private final long started = System.nanoTime();
  private volatile boolean running = true;

  ProgressReporter(IngestMeter meter, boolean terminal, PrintStream out) {
    this.meter = meter;
    this.terminal = terminal;
    this.out = out;
    this.thread = new Thread(this::loop, "ingest-progress");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void loop() {
    long interval = terminal ? 1_000 : 10_000;
    while (running) {
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      if (!running) {
        return;
      }
      String line = line();
      if (terminal) {
        out.print("\r" + line + "   ");
        out.flush();
      } else {
        LOG.info(line);
      }
    }
  }

  String line() {
    double seconds = (System.nanoTime() - started) / 1e9;
    long bytes = meter.sourceBytes();
    long total = meter.bytesTotal.get();
    double rate = seconds > 0 ? bytes / seconds : 0;
    String eta = rate > 0 && total > bytes ? String.format("%.0f s", (total - bytes) / rate) : "-";
    return String.format(
        "%,d records (%,.0f/s), %,d dead letters, %.1f MB/s, files %d/%d, ETA %s",
        meter.records(),
        seconds > 0 ? meter.records() / seconds : 0,
        meter.deadLetters(),
        rate / 1e6,
        meter.filesDone.sum(),
        meter.filesTotal.get(),
        eta);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    if (terminal) {
      out.println();
    }
  }
}
