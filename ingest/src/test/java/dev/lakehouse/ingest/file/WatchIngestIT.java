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

  @Test
  void newFilesAreIngestedAsTheyLand(LakehouseSettings settings, @TempDir Path dir) throws Exception {
    IngestOptions options = new IngestOptions(dir.toString(), "it-watch-" + UUID.randomUUID(), true, Duration.ofMillis(300), 3, 100, 100);
    FileIngestRun run = new FileIngestRun(options, settings);
    CompletableFuture<IngestSummary> watching = CompletableFuture.supplyAsync(() -> {
      try {
        return run.run(new PrintStream(new ByteArrayOutputStream()), false);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Files.write(dir.resolve("status-1.json"), List.of(
        "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"REGISTERED\"}"));
    awaitPublished(run, 1);
    Files.write(dir.resolve("status-2.json"), List.of(
        "{\"created_at\":\"2019-01-17T22:50:07.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-2\",\"value\":\"PLACED\"}",
        "{\"created_at\":\"2019-01-17T22:50:08.000Z\",\"order_id\":\"o-2\",\"status_id\":\"s-3\",\"value\":\"REGISTERED\"}"));
    awaitPublished(run, 3);
    Thread.sleep(1_000); // a few more polls: nothing is published twice
    run.stop();
    IngestSummary summary = watching.get(30, TimeUnit.SECONDS);
    assertThat(summary.published()).isEqualTo(3);
    assertThat(summary.files()).extracting(FileResult::outcome).containsOnly(FileResult.Outcome.INGESTED);
    List<TopicContents.Seen> seen = TopicContents.read(settings.kafka().bootstrapServers(), List.of(Dataset.ORDER_STATUS.topic()))
        .stream().filter(s -> s.uri().startsWith(dir.toUri().toString())).toList();
    assertThat(seen).hasSize(3);
  }

  private static void awaitPublished(FileIngestRun run, long records) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (run.meter().records() < records) {
      assertThat(System.nanoTime()).as("waiting for %d records", records).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
