package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakehouse.common.measure.Job;
import dev.lakehouse.common.measure.ProcessAttribute;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessStatus;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.S3Clients;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.testing.ProcessEvents;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Generated files with bad lines, ingested from the S3 server into the real broker. */
@WithLocalStack
class FileIngestIT {

  @Test
  void everyGoodLineOnceEveryBadLineInTheDeadLettersAndReRunsChangeNothing(
      LakehouseSettings settings, @TempDir Path dir) throws Exception {
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(42, 3_000, 0.02))
            .generate(new DirectorySink(dir));
    assertThat(manifest.files()).anyMatch(FileManifest::truncatedGzip);
    String prefix = "landing/" + UUID.randomUUID() + "/";
    try (S3Client s3 = S3Clients.forSettings(settings.s3());
        Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        s3.putObject(
            b -> b.bucket(settings.s3().bucket()).key(prefix + file.getFileName()),
            RequestBody.fromFile(file));
      }
    }
    String location = "s3://" + settings.s3().bucket() + "/" + prefix;
    IngestOptions options =
        new IngestOptions(
            location, "it-s3-" + UUID.randomUUID(), false, Duration.ofSeconds(1), 3, 1_000, 500);

    IngestSummary first = new FileIngestRun(options, settings).run(quiet(), false);
    assertThat(first.files()).hasSize(manifest.files().size());
    assertThat(first.exitCode()).as("the truncated file needs attention").isEqualTo(1);
    assertThat(first.files())
        .filteredOn(f -> f.uri().endsWith("order-part-truncated.json.gz"))
        .singleElement()
        .satisfies(f -> assertThat(f.outcome()).isEqualTo(FileResult.Outcome.TRUNCATED));
    assertThat(first.files())
        .filteredOn(f -> !f.uri().contains("truncated"))
        .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(FileResult.Outcome.INGESTED));
    long expectedPublished =
        manifest.files().stream().mapToLong(FileManifest::expectedPublished).sum();
    assertThat(first.published()).isEqualTo(expectedPublished);
    IngestExpectations.assertExactlyOnce(settings.kafka().bootstrapServers(), manifest, location);
    assertTheRunsEvents(settings, first, manifest, location);

    // a second run skips every file and publishes nothing; the truncated file still needs attention
    IngestSummary second = new FileIngestRun(options, settings).run(quiet(), false);
    assertThat(second.files())
        .filteredOn(f -> !f.uri().contains("truncated"))
        .extracting(FileResult::outcome)
        .containsOnly(FileResult.Outcome.ALREADY_INGESTED);
    assertThat(second.files())
        .filteredOn(f -> f.uri().contains("truncated"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.problem())
                    .hasValueSatisfying(p -> assertThat(p).contains("not re-read")));
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.published()).isZero();
    assertThat(processEvents(settings, second.runId()))
        .as("a run that re-reads nothing: its start and end, and no file's run")
        .extracting(ProcessEvent::runId, ProcessEvent::status)
        .containsExactlyInAnyOrder(
            tuple(second.runId(), ProcessStatus.STARTED),
            tuple(second.runId(), ProcessStatus.PARTIAL));
    IngestExpectations.assertExactlyOnce(settings.kafka().bootstrapServers(), manifest, location);

    // a completed file that changed is reported by name and not re-read
    try (S3Client s3 = S3Clients.forSettings(settings.s3())) {
      s3.putObject(
          b -> b.bucket(settings.s3().bucket()).key(prefix + "restaurant.csv.gz"),
          RequestBody.fromBytes(Files.readAllBytes(dir.resolve("consumer.csv.gz"))));
    }
    IngestSummary third = new FileIngestRun(options, settings).run(quiet(), false);
    assertThat(third.exitCode()).isEqualTo(1);
    assertThat(third.files())
        .filteredOn(f -> f.outcome() == FileResult.Outcome.CHANGED)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.uri()).endsWith("restaurant.csv.gz");
              assertThat(f.problem())
                  .hasValueSatisfying(p -> assertThat(p).contains("not re-read"));
            });
    IngestExpectations.assertExactlyOnce(settings.kafka().bootstrapServers(), manifest, location);
  }

  @Test
  void aMissingLocationAndAnUnreadableFileAreReportedAndTheOthersGoOn(
      LakehouseSettings settings, @TempDir Path dir) throws Exception {
    Files.write(
        dir.resolve("order.json"), List.of("{\"order_id\":\"o-1\"}", "{\"order_id\":\"o-2\"}"));
    Files.write(dir.resolve("consumer.csv.gz"), new byte[] {0x1f, (byte) 0x8b, 0, 0, 1, 2, 3});
    Files.write(dir.resolve("restaurant.csv"), List.of("name,city", "x,y"));
    IngestOptions options =
        new IngestOptions(
            dir.toString(),
            "it-bad-" + UUID.randomUUID(),
            false,
            Duration.ofSeconds(1),
            3,
            1_000,
            500);
    IngestSummary summary = new FileIngestRun(options, settings).run(quiet(), false);
    assertThat(summary.exitCode()).isEqualTo(1);
    Map<String, FileResult.Outcome> outcomes = new java.util.TreeMap<>();
    summary
        .files()
        .forEach(
            f ->
                outcomes.put(
                    Path.of(java.net.URI.create(f.uri())).getFileName().toString(), f.outcome()));
    assertThat(outcomes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "order.json", FileResult.Outcome.INGESTED,
                "consumer.csv.gz", FileResult.Outcome.UNREADABLE,
                "restaurant.csv", FileResult.Outcome.UNREADABLE));
    assertThat(summary.published()).isEqualTo(2);

    IngestOptions missing =
        new IngestOptions(
            dir.resolve("nope").toString(), "it-missing", false, Duration.ofSeconds(1), 3, 10, 10);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new FileIngestRun(missing, settings).run(quiet(), false))
        .hasMessageContaining("nope");
  }

  /**
   * The run's process events: its start and its end (PARTIAL, as the truncated file needs
   * attention) with the run's totals, and per file one start and one end with the file's counts.
   */
  private static void assertTheRunsEvents(
      LakehouseSettings settings, IngestSummary run, GenerationManifest manifest, String location) {
    List<ProcessEvent> events = processEvents(settings, run.runId());
    assertThat(events.stream().map(ProcessEvent::eventId).distinct().count())
        .as("each event once")
        .isEqualTo(events.size());
    List<ProcessEvent> ofTheRun =
        events.stream().filter(e -> e.runId().equals(run.runId())).toList();
    assertThat(ofTheRun)
        .extracting(ProcessEvent::status)
        .containsExactlyInAnyOrder(ProcessStatus.STARTED, ProcessStatus.PARTIAL);
    ProcessEvent runEnd =
        ofTheRun.stream().filter(e -> e.status().ended()).findFirst().orElseThrow();
    assertThat(runEnd.job()).isEqualTo(Job.ingestFiles());
    assertThat(runEnd.counters().rowsOut()).isEqualTo(run.published());
    assertThat(runEnd.counters().deadLetters())
        .isEqualTo(run.files().stream().mapToLong(FileResult::deadLettered).sum());

    Map<String, List<ProcessEvent>> byFile =
        events.stream()
            .filter(e -> run.runId().equals(e.parentRunId()))
            .collect(Collectors.groupingBy(e -> e.attributes().get(ProcessAttribute.SOURCE_URI)));
    assertThat(byFile).hasSize(manifest.files().size());
    for (FileManifest file : manifest.files()) {
      List<ProcessEvent> ofTheFile = byFile.get(location + file.fileName());
      assertThat(ofTheFile).as("the events of %s", file.fileName()).isNotNull();
      ProcessStatus expectedEnd =
          file.truncatedGzip() ? ProcessStatus.PARTIAL : ProcessStatus.SUCCEEDED;
      assertThat(ofTheFile)
          .as("the run of %s", file.fileName())
          .extracting(ProcessEvent::status)
          .containsExactlyInAnyOrder(ProcessStatus.STARTED, expectedEnd);
      ProcessEvent end = ofTheFile.stream().filter(e -> e.status().ended()).findFirst().get();
      assertThat(end.job()).isEqualTo(Job.ingestFile());
      assertThat(end.counters().rowsOut())
          .as("%s published", file.fileName())
          .isEqualTo(file.expectedPublished());
      assertThat(end.counters().deadLetters())
          .as("%s dead letters", file.fileName())
          .isEqualTo(file.expectedDeadLetters().values().stream().mapToLong(Long::longValue).sum());
      assertThat(end.counters().rowsIn())
          .isEqualTo(end.counters().rowsOut() + end.counters().deadLetters());
      assertThat(end.durationSeconds()).hasValueSatisfying(d -> assertThat(d).isNotNegative());
    }
  }

  /** The committed process events of a run and of its files' runs. */
  private static List<ProcessEvent> processEvents(LakehouseSettings settings, String runId) {
    return ProcessEvents.read(settings.kafka().bootstrapServers()).stream()
        .filter(e -> e.runId().equals(runId) || runId.equals(e.parentRunId()))
        .toList();
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream());
  }
}
