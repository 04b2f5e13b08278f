package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.DeadLetterHeaders;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.measure.Job;
import dev.lakehouse.common.measure.ProcessAttribute;
import dev.lakehouse.common.measure.ProcessCounters;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessStatus;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one file: resumes after the records its committed progress covers (refusing to when
 * skipping them does not end at the byte offset the progress recorded: other record limits),
 * publishes each good record to its dataset's topic and each bad one to the dead-letter topic, and
 * commits the progress in the same transaction every {@code batchRecords} records or {@code
 * batchMillis} milliseconds.
 */
final class FileIngestor {
  private static final Logger LOG = LoggerFactory.getLogger(FileIngestor.class);

  private final SourceLocation location;
  private final IngestPublisher publisher;
  private final IngestMeter meter;
  private final String runId;
  private final int batchRecords;
  private final long batchMillis;
  private final RecordLimits limits;
  private int fileRuns;

  FileIngestor(
      SourceLocation location,
      IngestPublisher publisher,
      IngestMeter meter,
      String runId,
      int batchRecords,
      long batchMillis,
      RecordLimits limits) {
    this.limits = limits;
    this.location = location;
    this.publisher = publisher;
    this.meter = meter;
    this.runId = runId;
    this.batchRecords = batchRecords;
    this.batchMillis = batchMillis;
  }

  FileResult ingest(SourceFile file, Optional<FileProgress> previous) {
    if (previous.isPresent() && !previous.get().fingerprint().equals(file.fingerprint())) {
      String state = previous.get().state().finished() ? "ingested" : "partly ingested";
      return result(
          file,
          FileResult.Outcome.CHANGED,
          0,
          new TreeMap<>(),
          0,
          "changed since it was "
              + state
              + " (fingerprint "
              + previous.get().fingerprint()
              + " -> "
              + file.fingerprint()
              + "); not re-read. Land changed data under a new file name.");
    }
    if (previous.isPresent() && previous.get().state() == FileProgress.State.COMPLETE) {
      return result(file, FileResult.Outcome.ALREADY_INGESTED, 0, new TreeMap<>(), 0, null);
    }
    if (previous.isPresent() && previous.get().state() == FileProgress.State.TRUNCATED) {
      return result(
          file,
          FileResult.Outcome.TRUNCATED,
          0,
          new TreeMap<>(),
          0,
          "its compressed stream was found truncated by run "
              + previous.get().runId()
              + " after "
              + previous.get().recordsRead()
              + " records; not re-read. Land a repaired copy under a new file name.");
    }
    FileProgress progress = previous.orElseGet(() -> FileProgress.start(file, runId));
    long skip = progress.recordsRead();
    Map<String, Long> deadLetters = new TreeMap<>();
    long published = 0;
    long committedRead = 0;
    CountingInputStream counted = null;
    ProcessEvent fileRun =
        ProcessEvent.started(
            runId + ":" + (++fileRuns),
            runId,
            Job.ingestFile(),
            Instant.now(),
            Map.of(ProcessAttribute.SOURCE_URI, file.uri()));
    try (InputStream raw = location.open(file)) {
      counted = new CountingInputStream(raw, meter.sourceBytes);
      RecordReader reader = RecordReaders.open(counted, file.dataset(), limits);
      if (skip > 0) {
        LOG.info("resuming {} after {} records", file.uri(), skip);
      }
      Optional<String> refused = FileResume.skip(reader, progress);
      if (refused.isPresent()) {
        endFailed(fileRun, ProcessCounters.NONE, Map.of(ProcessAttribute.REASON, "resume_refused"));
        return result(
            file, FileResult.Outcome.UNREADABLE, 0, deadLetters, counted.count(), refused.get());
      }
      // the start goes out with the file's first batch
      publisher.event(fileRun);
      long batchRead = 0;
      long batchGood = 0;
      long batchBad = 0;
      long batchStarted = System.nanoTime();
      try {
        SourceRecord record;
        while ((record = reader.next()) != null) {
          batchRead++;
          if (record instanceof SourceRecord.Good good) {
            publisher.send(
                file.dataset().topic(),
                good.key(),
                good.value(),
                Headers.source(file, good.line(), runId));
            batchGood++;
            meter.records.increment();
          } else {
            SourceRecord.Bad bad = (SourceRecord.Bad) record;
            deadLetter(file, bad);
            deadLetters.merge(bad.reason(), 1L, Long::sum);
            batchBad++;
          }
          if (batchRead >= batchRecords
              || System.nanoTime() - batchStarted >= batchMillis * 1_000_000) {
            progress =
                progress.advance(batchRead, batchGood, batchBad, runId, reader.nextRecordOffset());
            publisher.commit(progress);
            published += batchGood;
            committedRead += batchRead;
            batchRead = batchGood = batchBad = 0;
            batchStarted = System.nanoTime();
          }
        }
      } catch (EOFException | ZipException e) {
        SourceRecord.Bad tail =
            reader.partialRecord(
                DeadLetterReason.TRUNCATED_GZIP,
                "the compressed stream breaks inside this record ("
                    + e.getClass().getSimpleName()
                    + ")");
        if (tail != null) {
          deadLetter(file, tail);
          deadLetters.merge(tail.reason(), 1L, Long::sum);
          batchRead++;
          batchBad++;
        }
        progress =
            progress
                .advance(batchRead, batchGood, batchBad, runId, reader.nextRecordOffset())
                .finish(FileProgress.State.TRUNCATED);
        publisher.event(
            fileRun.end(
                ProcessStatus.PARTIAL,
                Instant.now(),
                counters(committedRead + batchRead, published + batchGood, deadLetters),
                Map.of(ProcessAttribute.REASON, DeadLetterReason.TRUNCATED_GZIP)));
        publisher.commit(progress);
        published += batchGood;
        meter.filesDone.increment();
        return result(
            file,
            FileResult.Outcome.TRUNCATED,
            published,
            deadLetters,
            counted.count(),
            "the compressed stream is truncated or corrupt at line "
                + reader.partialRecordLine()
                + " ("
                + e.getMessage()
                + "); what came before it was ingested");
      }
      progress =
          progress
              .advance(batchRead, batchGood, batchBad, runId, reader.nextRecordOffset())
              .finish(FileProgress.State.COMPLETE);
      publisher.event(
          fileRun.end(
              ProcessStatus.SUCCEEDED,
              Instant.now(),
              counters(committedRead + batchRead, published + batchGood, deadLetters),
              Map.of()));
      publisher.commit(progress);
      published += batchGood;
      meter.filesDone.increment();
      return result(
          file, FileResult.Outcome.INGESTED, published, deadLetters, counted.count(), null);
    } catch (IOException e) {
      publisher.abortQuietly();
      endFailed(
          fileRun,
          counters(committedRead, published, Map.of()),
          Map.of(ProcessAttribute.ERROR_CLASS, e.getClass().getSimpleName()));
      long bytes = counted == null ? 0 : counted.count();
      String message =
          e instanceof UnreadableFileException
              ? e.getMessage()
              : e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + (progress.recordsRead() > 0 || published > 0
                      ? " (the next run resumes after the last committed record)"
                      : "");
      return result(file, FileResult.Outcome.UNREADABLE, published, deadLetters, bytes, message);
    }
  }

  /**
   * A file's run that failed, in a transaction of its own: what its committed batches did stays
   * published. When even that cannot be sent, the failure is logged and the file's result stands.
   */
  private void endFailed(
      ProcessEvent fileRun, ProcessCounters done, Map<ProcessAttribute, String> why) {
    try {
      publisher.eventAlone(fileRun.end(ProcessStatus.FAILED, Instant.now(), done, why));
    } catch (RuntimeException e) {
      LOG.warn(
          "the failure event of file run {} could not be sent ({})",
          fileRun.runId(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * Counters of a file's run: records read, published, and dead letters (those of batches still
   * open included when the end goes out with them).
   */
  private static ProcessCounters counters(long read, long published, Map<String, Long> dead) {
    long letters = dead.values().stream().mapToLong(Long::longValue).sum();
    return new ProcessCounters(read, published, letters, 0, 0);
  }

  /**
   * A dead letter: the record's bytes as the value (its first bytes only when it is over the record
   * limit), its coordinates, reason, length and SHA-256 as headers.
   */
  private void deadLetter(SourceFile file, SourceRecord.Bad bad) {
    RecordHeaders headers = Headers.source(file, bad.line(), runId);
    DeadLetterHeaders.of(file.dataset().name(), bad.reason(), bad.detail())
        .original(bad.offset(), bad.originalLength(), bad.sha256Hex())
        .addTo(headers::add);
    byte[] value =
        bad.original().length > limits.maxRecordBytes()
            ? java.util.Arrays.copyOf(bad.original(), limits.deadLetterPrefixBytes())
            : bad.original();
    publisher.send(
        Topics.DLQ_INGEST,
        (file.uri() + ":" + bad.line()).getBytes(StandardCharsets.UTF_8),
        value,
        headers);
    meter.deadLetters.increment();
  }

  private static FileResult result(
      SourceFile file,
      FileResult.Outcome outcome,
      long published,
      Map<String, Long> deadLetters,
      long bytes,
      String problem) {
    long dead = deadLetters.values().stream().mapToLong(Long::longValue).sum();
    return new FileResult(
        file.uri(),
        outcome,
        published,
        dead,
        Map.copyOf(deadLetters),
        bytes,
        Optional.ofNullable(problem));
  }
}
