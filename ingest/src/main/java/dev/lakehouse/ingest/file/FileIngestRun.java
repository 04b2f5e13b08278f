package dev.lakehouse.ingest.file;

import dev.lakehouse.common.measure.Job;
import dev.lakehouse.common.measure.ProcessAttribute;
import dev.lakehouse.common.measure.ProcessCounters;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessStatus;
import dev.lakehouse.common.settings.LakehouseSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingestor: lists the location, ingests every file not yet complete (resuming partly ingested
 * ones) and, in watch mode, keeps polling for new files until stopped.
 */
public final class FileIngestRun {
  private static final Logger LOG = LoggerFactory.getLogger(FileIngestRun.class);

  private final IngestOptions options;
  private final LakehouseSettings settings;
  private final IngestMeter meter = new IngestMeter();
  private volatile boolean stopped;

  public FileIngestRun(IngestOptions options, LakehouseSettings settings) {
    this.options = options;
    this.settings = settings;
  }

  public IngestMeter meter() {
    return meter;
  }

  /** Asks a watching run to finish after the current file. */
  public void stop() {
    stopped = true;
  }

  public IngestSummary run(PrintStream out, boolean terminal)
      throws IOException, InterruptedException {
    String runId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    SourceLocation location =
        SourceLocations.open(
            options.location(), settings.s3(), options.settle(), settings.datasets().contracts());
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", settings.kafka().bootstrapServers()))) {
      IngestTopics.ensure(admin, options.partitions(), settings.datasets().contracts());
    } catch (ExecutionException e) {
      throw new IOException(
          "cannot create the ingest topics: " + e.getCause().getMessage(), e.getCause());
    }
    List<FileResult> results = new ArrayList<>();
    try (IngestPublisher publisher =
            IngestPublisher.create(settings.kafka().bootstrapServers(), options.transactionalId());
        ProgressReporter reporter = new ProgressReporter(meter, terminal, out)) {
      LOG.info("ingest run {} of {} as {}", runId, location.describe(), options.transactionalId());
      ProcessEvent run =
          ProcessEvent.started(
              runId,
              null,
              Job.ingestFiles(),
              Instant.now(),
              Map.of(ProcessAttribute.SOURCE_URI, location.describe()));
      publisher.eventAlone(run);
      try {
        ingestFiles(location, publisher, runId, results);
      } catch (IOException | InterruptedException | RuntimeException e) {
        publisher.abortQuietly();
        endRun(
            publisher,
            run,
            ProcessStatus.FAILED,
            results,
            Map.of(ProcessAttribute.ERROR_CLASS, e.getClass().getSimpleName()));
        throw e;
      }
      boolean allOk = results.stream().allMatch(r -> r.outcome().ok());
      endRun(
          publisher,
          run,
          allOk ? ProcessStatus.SUCCEEDED : ProcessStatus.PARTIAL,
          results,
          Map.of());
    }
    return new IngestSummary(results, System.nanoTime() - started, runId);
  }

  /** The run's end event, in a transaction of its own; a broker that refuses it is only logged. */
  private static void endRun(
      IngestPublisher publisher,
      ProcessEvent run,
      ProcessStatus status,
      List<FileResult> results,
      Map<ProcessAttribute, String> why) {
    long published = results.stream().mapToLong(FileResult::published).sum();
    long dead = results.stream().mapToLong(FileResult::deadLettered).sum();
    try {
      publisher.eventAlone(
          run.end(
              status,
              Instant.now(),
              new ProcessCounters(published + dead, published, dead, 0, 0),
              why));
    } catch (RuntimeException e) {
      LOG.warn(
          "the end event of ingest run {} could not be sent ({})",
          run.runId(),
          e.getClass().getSimpleName());
    }
  }

  private void ingestFiles(
      SourceLocation location, IngestPublisher publisher, String runId, List<FileResult> results)
      throws IOException, InterruptedException {
    java.util.Set<String> reported = new java.util.HashSet<>();
    java.util.Set<String> handled = new java.util.HashSet<>();
    FileIngestor ingestor =
        new FileIngestor(
            location,
            publisher,
            meter,
            runId,
            options.batchRecords(),
            options.batchMillis(),
            options.limits());
    do {
      Map<String, FileProgress> progress = ProgressLog.load(settings.kafka().bootstrapServers());
      List<SourceFile> files = location.list();
      meter.filesTotal.set(files.size());
      meter.bytesTotal.set(files.stream().mapToLong(SourceFile::size).sum());
      for (SourceFile file : files) {
        if (stopped) {
          break;
        }
        if (!options.watch() && !handled.add(file.uri())) {
          continue; // a one-shot run lists again only to wait for files still being written
        }
        FileResult result = ingestor.ingest(file, Optional.ofNullable(progress.get(file.uri())));
        boolean news =
            reported.add(result.uri() + " " + result.outcome() + " " + file.fingerprint());
        if (!options.watch() || (news && result.outcome() != FileResult.Outcome.ALREADY_INGESTED)) {
          log(result);
          results.add(result);
        }
      }
      Optional<Duration> heldBack = location.heldBack();
      if (heldBack.isPresent() && !options.watch()) {
        LOG.info("waiting {} ms for files still being written", heldBack.get().toMillis());
      }
      if ((options.watch() || heldBack.isPresent()) && !stopped) {
        Thread.sleep(
            options.watch()
                ? options.pollInterval().toMillis()
                : Math.max(50, heldBack.get().toMillis()));
      }
    } while ((options.watch() || location.heldBack().isPresent()) && !stopped);
  }

  private static void log(FileResult result) {
    if (result.outcome().ok()) {
      LOG.info(
          "{} {}: {} published, {} dead letters {}",
          result.outcome(),
          result.uri(),
          result.published(),
          result.deadLettered(),
          result.deadLettersByReason());
    } else {
      LOG.warn("{} {}: {}", result.outcome(), result.uri(), result.problem().orElse(""));
    }
  }
}
