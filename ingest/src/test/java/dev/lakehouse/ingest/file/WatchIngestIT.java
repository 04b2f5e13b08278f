package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --watch: files that land while the ingestor runs are picked up, each once. */
@WithLocalStack
class WatchIngestIT {
  /**
   * The settle window of the slow-writer test: far longer than the writer's 250 ms pauses, so that
   * even a writer thread stalled for seconds on a loaded machine does not look finished.
   */
  private static final int SETTLE_SECONDS = 10;

  @Test
  void newFilesAreIngestedAsTheyLand(LakehouseSettings settings, @TempDir Path dir)
      throws Exception {
    IngestOptions options =
        new IngestOptions(
            dir.toString(),
            "it-watch-" + UUID.randomUUID(),
            true,
            Duration.ofMillis(300),
            3,
            100,
            100);
    FileIngestRun run = new FileIngestRun(options, settings);
    CompletableFuture<IngestSummary> watching =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run.run(new PrintStream(new ByteArrayOutputStream()), false);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Files.write(
        dir.resolve("status-1.json"),
        List.of(
            "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"REGISTERED\"}"));
    awaitPublished(run, 1);
    Files.write(
        dir.resolve("status-2.json"),
        List.of(
            "{\"created_at\":\"2019-01-17T22:50:07.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-2\",\"value\":\"PLACED\"}",
            "{\"created_at\":\"2019-01-17T22:50:08.000Z\",\"order_id\":\"o-2\",\"status_id\":\"s-3\",\"value\":\"REGISTERED\"}"));
    awaitPublished(run, 3);
    Thread.sleep(1_000); // a few more polls: nothing is published twice
    run.stop();
    IngestSummary summary = watching.get(30, TimeUnit.SECONDS);
    assertThat(summary.published()).isEqualTo(3);
    assertThat(summary.files())
        .extracting(FileResult::outcome)
        .containsOnly(FileResult.Outcome.INGESTED);
    List<TopicContents.Seen> seen =
        TopicContents.read(
                settings.kafka().bootstrapServers(), List.of(Dataset.ORDER_STATUS.topic()))
            .stream()
            .filter(s -> s.uri().startsWith(dir.toUri().toString()))
            .toList();
    assertThat(seen).hasSize(3);
  }

  @Test
  void filesWrittenSlowlyAreReadWholeOnceCompleteNeverInPartNorFlagged(
      LakehouseSettings settings, @TempDir Path dir) throws Exception {
    IngestOptions options =
        new IngestOptions(
                dir.toString(),
                "it-slow-" + UUID.randomUUID(),
                true,
                Duration.ofMillis(200),
                3,
                100,
                100)
            .withSettle(Duration.ofSeconds(SETTLE_SECONDS));
    FileIngestRun run = new FileIngestRun(options, settings);
    CompletableFuture<IngestSummary> watching =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run.run(new PrintStream(new ByteArrayOutputStream()), false);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // two copies in progress at once: a gzip one (read early, it would be TRUNCATED for good) and a
    // plain
    // one whose chunks end mid-line and whose last line has no line end (read early: in part, then
    // CHANGED)
    Path gzip = dir.resolve("status-slow.json.gz");
    Path plain = dir.resolve("status-slow-plain.json");
    int chunks = 16;
    long started = System.nanoTime();
    int perChunk = 40;
    try (java.util.zip.GZIPOutputStream gz =
            new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip), 1024, true);
        java.io.OutputStream text = Files.newOutputStream(plain)) {
      for (int chunk = 0; chunk < chunks; chunk++) {
        for (int i = 0; i < perChunk; i++) {
          String line =
              "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"slow-"
                  + chunk
                  + "-"
                  + i
                  + "\",\"status_id\":\"s\",\"value\":\"PLACED\"}";
          boolean last = chunk == chunks - 1 && i == perChunk - 1;
          gz.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
          byte[] bytes =
              (line + (last ? "" : "\n")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
          if (i == perChunk - 1 && !last) {
            text.write(bytes, 0, bytes.length / 2); // the chunk ends in the middle of a line
            text.flush();
            gz.flush();
            Thread.sleep(250);
            assertThat(run.meter().records())
                .as("nothing is read while the files are being written")
                .isZero();
            text.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
          } else {
            text.write(bytes);
          }
        }
      }
    }
    long written = System.nanoTime();
    long expected = 2L * chunks * perChunk;
    awaitPublished(run, expected);
    System.out.printf(
        "FAULT | files written in %d chunks over %.1f s | %d records read once %.1f s after the last write (settle %d s)%n",
        chunks,
        (written - started) / 1e9,
        expected,
        (System.nanoTime() - written) / 1e9,
        SETTLE_SECONDS);
    Thread.sleep(1_500); // more polls: nothing is read twice, nothing flagged
    run.stop();
    IngestSummary summary = watching.get(30, TimeUnit.SECONDS);
    assertThat(summary.files())
        .extracting(FileResult::outcome)
        .containsExactly(FileResult.Outcome.INGESTED, FileResult.Outcome.INGESTED);
    assertThat(summary.published()).isEqualTo(expected);
    assertThat(summary.deadLettersByReason()).isEmpty();
    List<TopicContents.Seen> seen =
        TopicContents.read(
                settings.kafka().bootstrapServers(), List.of(Dataset.ORDER_STATUS.topic()))
            .stream()
            .filter(s -> s.uri().startsWith(dir.toUri().toString()))
            .toList();
    assertThat(seen).hasSize((int) expected);
    assertThat(seen.stream().map(s -> s.uri() + ":" + s.line()).distinct()).hasSize((int) expected);
  }

  private static void awaitPublished(FileIngestRun run, long records) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (run.meter().records() < records) {
      assertThat(System.nanoTime()).as("waiting for %d records", records).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
