package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.measure.Job;
import dev.lakehouse.common.measure.ProcessAttribute;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessStatus;
import dev.lakehouse.ingest.IngestCommand;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.testing.ProcessEvents;
import dev.lakehouse.testing.WithLocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingestor as a separate process, SIGKILLed at random moments mid-file and restarted each time:
 * afterwards every good line is in its topic exactly once and every bad line in the dead letters
 * once.
 *
 * <p>Whatever the machine's speed, at least {@value #MID_FILE_KILLS} kills land mid-file: a run
 * that finishes the data by itself gets a new batch of files landed beside the others (another
 * seed, another folder), and the next run is killed in that one. Every batch is checked.
 */
@WithLocalStack
class FileIngestCrashIT {
  private static final int MID_FILE_KILLS = 3;
  private static final int MIN_KILLS = 6;
  private static final int MAX_RUNS = 30;

  @Test
  void killedAtRandomPointsAndRestartedItStillIngestsEveryLineExactlyOnce(
      LocalStack stack, @TempDir Path work) throws Exception {
    Path data = work.resolve("landing");
    List<GenerationManifest> batches = new ArrayList<>();
    List<Path> batchDirs = new ArrayList<>();
    landBatch(data, batches, batchDirs);
    String ingestorId = "it-crash-" + UUID.randomUUID();
    Random random = new Random(20261122L);
    int killedMidFile = 0;
    int kills = 0;
    List<String> history = new ArrayList<>();
    for (int run = 0;
        (kills < MIN_KILLS || killedMidFile < MID_FILE_KILLS) && run < MAX_RUNS;
        run++) {
      ChildJvm ingest = start(stack, data, ingestorId, work.resolve("ingest-" + run + ".log"));
      // wait until this run has committed at least one batch, then kill it 0 to 1.5 s later:
      // mid-file,
      // sometimes right after a commit, mostly with a transaction open
      long before = recordsRead(stack, data);
      OptionalInt exit = OptionalInt.empty();
      while (exit.isEmpty() && recordsRead(stack, data) == before) {
        exit = ingest.waitFor(Duration.ofMillis(200));
      }
      if (exit.isEmpty()) {
        exit = ingest.waitFor(Duration.ofMillis(random.nextInt(1_500)));
      }
      if (exit.isPresent()) {
        history.add(
            "run "
                + run
                + " finished the data by itself with "
                + exit.getAsInt()
                + "; a new batch lands");
        landBatch(data, batches, batchDirs);
        continue;
      }
      ProcessHandle.of(ingest.pid()).ifPresent(ProcessHandle::destroyForcibly);
      ingest.waitFor(Duration.ofSeconds(30));
      kills++;
      Map<String, FileProgress> progress =
          ProgressLog.load(stack.settings().kafka().bootstrapServers());
      long inProgress =
          progress.values().stream()
              .filter(p -> p.uri().startsWith(data.toUri().toString()))
              .filter(p -> p.state() == FileProgress.State.IN_PROGRESS && p.recordsRead() > 0)
              .count();
      if (inProgress > 0) {
        killedMidFile++;
      }
      history.add("run " + run + " killed; files in progress: " + inProgress);
    }
    System.out.println("FileIngestCrashIT: " + String.join("; ", history));
    assertThat(killedMidFile)
        .as("kills that landed mid-file: %s", history)
        .isGreaterThanOrEqualTo(MID_FILE_KILLS);
    ChildJvm last = start(stack, data, ingestorId, work.resolve("ingest-final.log"));
    OptionalInt exit = last.waitFor(Duration.ofMinutes(5));
    assertThat(exit).as("final run; log:%n%s", last.logTail(30)).isPresent();
    assertThat(exit.getAsInt())
        .as("1 = the truncated file needs attention; log:%n%s", last.logTail(30))
        .isEqualTo(1);

    for (int i = 0; i < batches.size(); i++) {
      IngestExpectations.assertExactlyOnce(
          stack.settings().kafka().bootstrapServers(),
          batches.get(i),
          batchDirs.get(i).toUri().toString());
    }
    assertEachFileEndedOnce(stack, batches, batchDirs);
  }

  /**
   * The process events went out in the batches' transactions: whatever the kills, each file has
   * exactly one end that is not a failure (PARTIAL for the truncated file, else SUCCEEDED), from
   * the run that finished it, and no event is there twice.
   */
  private static void assertEachFileEndedOnce(
      LocalStack stack, List<GenerationManifest> batches, List<Path> dirs) {
    List<ProcessEvent> events =
        ProcessEvents.read(stack.settings().kafka().bootstrapServers()).stream()
            .filter(e -> e.job().equals(Job.ingestFile()))
            .toList();
    assertThat(events.stream().map(ProcessEvent::eventId).distinct().count())
        .as("each file-run event once")
        .isEqualTo(events.size());
    for (int i = 0; i < batches.size(); i++) {
      for (FileManifest file : batches.get(i).files()) {
        String uri = dirs.get(i).toUri().toString() + file.fileName();
        List<ProcessStatus> ends =
            events.stream()
                .filter(e -> uri.equals(e.attributes().get(ProcessAttribute.SOURCE_URI)))
                .map(ProcessEvent::status)
                .filter(
                    status -> status == ProcessStatus.SUCCEEDED || status == ProcessStatus.PARTIAL)
                .toList();
        assertThat(ends)
            .as("the ends of %s", uri)
            .containsExactly(
                file.truncatedGzip() ? ProcessStatus.PARTIAL : ProcessStatus.SUCCEEDED);
      }
    }
  }

  /**
   * Generates the next batch of source files (a seed of its own) into a folder of its own under the
   * landing directory.
   */
  private static void landBatch(Path data, List<GenerationManifest> batches, List<Path> dirs)
      throws Exception {
    Path dir = data.resolve("batch-" + batches.size());
    batches.add(
        new FoodDeliveryGenerator(new GeneratorOptions(7 + batches.size(), 20_000, 0.01))
            .generate(new DirectorySink(dir)));
    dirs.add(dir);
  }

  private static long recordsRead(LocalStack stack, Path data) {
    return ProgressLog.load(stack.settings().kafka().bootstrapServers()).values().stream()
        .filter(p -> p.uri().startsWith(data.toUri().toString()))
        .mapToLong(FileProgress::recordsRead)
        .sum();
  }

  private static ChildJvm start(LocalStack stack, Path data, String ingestorId, Path log)
      throws Exception {
    LakehouseHome home = LakehouseHome.fromEnvironment();
    return ChildJvm.start(
        new ChildJvm.Spec(
            "ingest",
            home.moduleClasspath("ingest"),
            List.of("-Xmx512m"),
            IngestCommand.class.getName(),
            List.of(
                data.toString(),
                "--config",
                stack.config().settingsFile().toString(),
                "--ingestor-id",
                ingestorId,
                "--batch-records",
                "500",
                "--batch-millis",
                "200"),
            log));
  }
}
