package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.file.IngestSummary;
import dev.lakehouse.ingest.generate.BadLineKind;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.StreamsCommand;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once of the Streams app under process faults. The app runs as child JVMs ({@link
 * StreamsCommand}, as in production) over data generated and ingested in this JVM; afterwards, for
 * this test's source files only: no (topic, partition, offset) twice in any raw table (nor any file
 * line), every good source record present, every bad one in {@code raw.dead_letters} once, with the
 * manifest's stage and reason.
 *
 * <ul>
 *   <li>{@link #sigkilledAgainAndAgainItStillWritesEveryRecordOnce}: one instance at a time over
 *       more than a million source records, SIGKILLed {@value #KILLS} times, each time restarted on
 *       the same state directory; then a last instance drains the rest. The kill moments cycle
 *       through kinds, with delays from a seeded {@link Random} (the seed is printed; {@code
 *       -Dlakehouse.crash-it.seed=N} replays a schedule):
 *       <ul>
 *         <li>a random 1-5 s after the start: mid-startup, group join, the first transactions;
 *         <li>at once (within milliseconds) after the run's n-th "committed snapshot" log line, n
 *             random 1-3: the Iceberg commit is done, the writer's bookkeeping after it is not;
 *         <li>a random 0.5-3 s after the run's first commit: mid-batch, with files open;
 *         <li>once, deep in the run (warm JVM, big batches, high offsets): at once after the first
 *             commit line that follows the tables reaching a random 35-65% of the rows.
 *       </ul>
 *   <li>{@link #twoInstancesShareTheWorkAndOneLeavesMidRun}: two instances of one application id
 *       (own state directories) over about 520,000 records (enough that both commit before the work
 *       is done); once both have committed to Iceberg, and while rows are still to be written, one
 *       leaves <em>gracefully</em> (SIGTERM through {@link ChildJvm#close()}) and the other takes
 *       over its partitions and finishes alone. The SIGKILL path is the other test's.
 * </ul>
 *
 * <p>Both tests keep a {@link LiveLoad} of live orders running beside the files' backlog until the
 * last kill (or the leave): every kill lands while records wait to be written, whatever the
 * machine's speed that minute, and the kills timed by commits always get their commit. The live
 * records carry a source URI under the landing directory, so every check below counts them with the
 * files' records.
 *
 * <p>The stack is shared by every IT of this JVM: each test uses its own application id, positions
 * it at the current end of the source topics before ingesting (so it processes only this test's
 * records), and counts and checks only rows whose source URI is under its own landing directory.
 *
 * <p>After each SIGKILL the test does at once what the broker does by itself some time later: it
 * removes the dead instance's members from its two consumer groups (else they leave when their
 * session times out, after 45 s) and fences its open transaction, which aborts it (else it times
 * out after Kafka Streams' 10 s; the app is stateless, so Kafka Streams gives every start a new
 * transactional id and the next instance does not fence the old one). The process is gone by then,
 * so this changes when, not what.
 */
@WithLocalStack
class StreamsAppCrashIT {
  private static final long SEED = Long.getLong("lakehouse.crash-it.seed", 20261122L);
  private static final int KILLS = 10;
  private static final long MIN_SOURCE_RECORDS = 1_000_000;
  private static final String COMMIT_LINE = "committed snapshot";
  private static final int COMMIT_INTERVAL_SECONDS = 3;

  /**
   * About a hundred records a second beside the files' backlog: enough that every commit interval
   * has work.
   */
  private static final double LIVE_ORDERS_PER_SECOND = 20;

  private static final Path LOGS = Path.of("target", "crash-it-logs");

  @Test
  void sigkilledAgainAndAgainItStillWritesEveryRecordOnce(LocalStack stack, @TempDir Path work)
      throws Exception {
    long started = System.nanoTime();
    Random random = new Random(SEED);
    String appId = "crash-it-" + UUID.randomUUID();
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(SEED, 200_000, 0.01))
            .generate(new DirectorySink(landing));
    Expected expected = Expected.of(manifest);
    String uriPrefix = landing.toUri().toString();
    assertThat(expected.sourceRecords())
        .as("source records published by the ingestor")
        .isGreaterThanOrEqualTo(MIN_SOURCE_RECORDS);
    System.out.printf(
        "StreamsAppCrashIT: seed %d, app %s, %d source records (%d good, %d wrong-typed), %d ingest dead letters, "
            + "generated in %d ms%n",
        SEED,
        appId,
        expected.sourceRecords(),
        expected.goodRecords(),
        expected.wrongTypes(),
        expected.ingestDeadLetters(),
        (System.nanoTime() - started) / 1_000_000);

    Path config = writeConfig(stack, work);
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    List<String> timeline = new ArrayList<>();
    int afterCommitKills = 0;
    ChildJvm app = null;
    LiveLoad live = null;
    Expected complete;
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      FreshStart.prepare(stack, admin, catalog, appId);
      Map<TableIdentifier, Long> baseline = totalRecords(catalog);
      // the first runs start while the records are being published; all are by the deep kill. Live
      // orders go on
      // until the last kill, so that every kill lands while records wait to be written, however
      // fast the app is
      live =
          LiveLoad.start(
              stack.settings().kafka().bootstrapServers(),
              SEED + 2,
              LIVE_ORDERS_PER_SECOND,
              uriPrefix + "live-load");
      CompletableFuture<Void> ingestion =
          CompletableFuture.runAsync(() -> ingest(stack, landing, expected));

      Path stateDir = work.resolve("state");
      for (int kill = 0; kill < KILLS; kill++) {
        app =
            CrashSupport.startApp(
                config, appId, stateDir, LOGS.resolve(appId).resolve("run-" + kill + ".log"));
        CommitLogWatch log = new CommitLogWatch(app.logFile(), COMMIT_LINE);
        long runStarted = System.nanoTime();
        String moment;
        if (kill == KILLS - 2) {
          ingestion.get(3, TimeUnit.MINUTES);
          // deep in the run, with a warm JVM and big batches: right after the first commit past a
          // random share of the rows
          double share = 0.35 + 0.3 * random.nextDouble();
          awaitWritten(catalog, baseline, (long) (share * expected.rows()), app);
          log.poll();
          long latency = log.awaitCommits(app, log.commits() + 1, Duration.ofSeconds(60));
          moment =
              String.format(
                  "right after the first commit past %.0f%% of the rows (%d ms after its log line)",
                  share * 100, latency);
          afterCommitKills++;
        } else if (kill % 3 == 0 || kill == KILLS - 1) {
          long delay = 1_000 + random.nextInt(4_001);
          CrashSupport.sleepWhileAlive(app, delay);
          moment = "at " + delay + " ms after the start";
        } else if (kill % 3 == 1) {
          int commits = 1 + random.nextInt(3);
          long latency = log.awaitCommits(app, commits, Duration.ofSeconds(90));
          moment =
              "right after commit #"
                  + commits
                  + " of the run ("
                  + latency
                  + " ms after its log line)";
          afterCommitKills++;
        } else {
          log.awaitCommits(app, 1, Duration.ofSeconds(90));
          long delay = 500 + random.nextInt(2_501);
          CrashSupport.sleepWhileAlive(app, delay);
          moment = "at " + delay + " ms after the run's first commit";
        }
        assertThat(app.isAlive())
            .as("run %d died before it was killed; log:%n%s", kill, app.logTail(40))
            .isTrue();
        assertThat(live.running())
            .as("the live load runs at kill %d: records wait to be written", kill + 1)
            .isTrue();
        CrashSupport.sigkill(app);
        log.poll();
        int fenced = CrashSupport.clearAfterKill(admin, appId);
        long written = rowsWritten(catalog, baseline);
        String entry =
            String.format(
                "kill %2d after %5d ms, %s: %d commit lines in this run, %d of %d rows in the tables, "
                    + "%d open transactions fenced",
                kill + 1,
                (System.nanoTime() - runStarted) / 1_000_000,
                moment,
                log.commits(),
                written,
                expected.rows(),
                fenced);
        timeline.add(entry);
        System.out.println("StreamsAppCrashIT: " + entry);
      }
      Map<Dataset, Long> liveRecords = live.stop();
      complete = expected.plus(liveRecords);
      System.out.println(
          "StreamsAppCrashIT: the live load published " + liveRecords + " until the last kill");

      app =
          CrashSupport.startApp(
              config, appId, stateDir, LOGS.resolve(appId).resolve("run-final.log"));
      awaitRows(catalog, baseline, uriPrefix, complete.rows(), app, Duration.ofMinutes(4));
      // the ingest run's process events went through the same kills
      int events =
          ProcessLogCheck.awaitEveryEventOnce(
              stack.settings().kafka().bootstrapServers(),
              catalog,
              () -> {},
              Duration.ofMinutes(2));
      System.out.println(
          "StreamsAppCrashIT: " + events + " process events once in the process log");
      Thread.sleep(
          COMMIT_INTERVAL_SECONDS * 1_000L); // one more commit interval: nothing may arrive twice
      CrashSupport.sigkill(
          app); // the tables are complete: no graceful stop to wait for (the other test stops one
      // gracefully)
      System.out.println(
          "StreamsAppCrashIT: the final run reached "
              + rowsWritten(catalog, baseline)
              + " rows after "
              + (System.nanoTime() - started) / 1_000_000_000
              + " s");
    } finally {
      if (live != null && live.running()) {
        live.stop(); // the test failed: no more records into the shared topics
      }
      if (app != null) {
        app.close(); // no-op unless the test failed with this run still up: it must not write on
        // into the shared tables
      }
    }
    assertThat(timeline).as("kills").hasSizeGreaterThanOrEqualTo(10);
    assertThat(afterCommitKills)
        .as("kills right after an Iceberg commit")
        .isGreaterThanOrEqualTo(1);

    assertExactlyOnce(catalog, complete, uriPrefix);
    System.out.printf(
        "StreamsAppCrashIT: %d source records, %d kills (%d right after an Iceberg commit), %d restarts, "
            + "seed %d, elapsed %d s: exactly once%n",
        complete.sourceRecords(),
        timeline.size(),
        afterCommitKills,
        timeline.size(),
        SEED,
        (System.nanoTime() - started) / 1_000_000_000);
  }

  @Test
  void twoInstancesShareTheWorkAndOneLeavesMidRun(LocalStack stack, @TempDir Path work)
      throws Exception {
    long started = System.nanoTime();
    String appId = "crash-it-pair-" + UUID.randomUUID();
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(SEED + 1, 100_000, 0.01))
            .generate(new DirectorySink(landing));
    Expected expected = Expected.of(manifest);
    String uriPrefix = landing.toUri().toString();
    Path config = writeConfig(stack, work);
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    ChildJvm stays = null;
    ChildJvm leaves = null;
    LiveLoad live = null;
    Expected complete;
    long rowsWhenLeft;
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      FreshStart.prepare(stack, admin, catalog, appId);
      Map<TableIdentifier, Long> baseline = totalRecords(catalog);
      ingest(stack, landing, expected);
      // live orders until one instance has left: it leaves while records wait to be written,
      // however fast the app is
      live =
          LiveLoad.start(
              stack.settings().kafka().bootstrapServers(),
              SEED + 3,
              LIVE_ORDERS_PER_SECOND,
              uriPrefix + "live-load");
      stays =
          CrashSupport.startApp(
              config,
              appId,
              work.resolve("state-a"),
              LOGS.resolve(appId).resolve("instance-a.log"));
      leaves =
          CrashSupport.startApp(
              config,
              appId,
              work.resolve("state-b"),
              LOGS.resolve(appId).resolve("instance-b.log"));
      CommitLogWatch stayLog = new CommitLogWatch(stays.logFile(), COMMIT_LINE);
      CommitLogWatch leaveLog = new CommitLogWatch(leaves.logFile(), COMMIT_LINE);
      // both share the work: each has committed to Iceberg
      stayLog.awaitCommits(stays, 1, Duration.ofSeconds(90));
      leaveLog.awaitCommits(leaves, 1, Duration.ofSeconds(90));
      rowsWhenLeft = rowsUnder(catalog, uriPrefix);
      assertThat(live.running())
          .as("the live load runs when instance b leaves: records wait to be written")
          .isTrue();
      long closing = System.nanoTime();
      leaves.close();
      long stopMillis = (System.nanoTime() - closing) / 1_000_000;
      leaveLog.poll();
      stayLog.poll();
      System.out.printf(
          "StreamsAppCrashIT: instance b left (SIGTERM) with %d of %d rows in the tables, after %d commits of its own "
              + "and %d of instance a; it stopped in %d ms with exit code %s%n",
          rowsWhenLeft,
          expected.rows(),
          leaveLog.commits(),
          stayLog.commits(),
          stopMillis,
          leaves.waitFor(Duration.ZERO).stream().boxed().findFirst().orElse(null));
      complete = expected.plus(live.stop());
      awaitRows(catalog, baseline, uriPrefix, complete.rows(), stays, Duration.ofMinutes(3));
      Thread.sleep(COMMIT_INTERVAL_SECONDS * 1_000L);
      CrashSupport.sigkill(stays);
    } finally {
      if (live != null && live.running()) {
        live.stop();
      }
      if (leaves != null) {
        leaves.close();
      }
      if (stays != null) {
        stays.close();
      }
    }
    assertExactlyOnce(catalog, complete, uriPrefix);
    System.out.printf(
        "StreamsAppCrashIT: two instances, one left mid-run: %d source records, 0 kills, 0 restarts, elapsed %d s: "
            + "exactly once%n",
        complete.sourceRecords(), (System.nanoTime() - started) / 1_000_000_000);
  }

  // ---- what the manifest says must land

  /**
   * Good rows per dataset, dead letters by "stage/reason" ("raw" for the raw stage), as
   * StreamsAppIT counts them.
   */
  record Expected(Map<Dataset, Long> good, Map<String, Long> deadLetters, long sourceRecords) {
    static Expected of(GenerationManifest manifest) {
      Map<Dataset, Long> good = new TreeMap<>();
      Map<String, Long> deadLetters = new TreeMap<>();
      long published = 0;
      long wrongTypes = 0;
      for (FileManifest file : manifest.files()) {
        long wrong = file.badLines().getOrDefault(BadLineKind.WRONG_TYPES, 0L);
        good.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
        file.expectedDeadLetters()
            .forEach((reason, count) -> deadLetters.merge("ingest/" + reason, count, Long::sum));
        published += file.expectedPublished();
        wrongTypes += wrong;
      }
      assertThat(wrongTypes).as("the data has wrong-typed records for the raw stage").isPositive();
      deadLetters.put("raw", wrongTypes);
      return new Expected(good, deadLetters, published);
    }

    /**
     * These expectations with live records added: every one is good, so each dataset's table gains
     * its count.
     */
    Expected plus(Map<Dataset, Long> live) {
      Map<Dataset, Long> more = new TreeMap<>(good);
      live.forEach((dataset, count) -> more.merge(dataset, count, Long::sum));
      return new Expected(
          more,
          deadLetters,
          sourceRecords + live.values().stream().mapToLong(Long::longValue).sum());
    }

    long goodRecords() {
      return good.values().stream().mapToLong(Long::longValue).sum();
    }

    long wrongTypes() {
      return deadLetters.get("raw");
    }

    long ingestDeadLetters() {
      return deadLetters.values().stream().mapToLong(Long::longValue).sum() - wrongTypes();
    }

    /** Rows the five tables must gain: every good record plus every dead letter of both stages. */
    long rows() {
      return goodRecords() + deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  // ---- the checks

  static void assertExactlyOnce(Catalog catalog, Expected expected, String uriPrefix)
      throws IOException {
    Map<Dataset, Long> rows = new TreeMap<>();
    Map<Dataset, List<String>> duplicates = new TreeMap<>();
    for (Dataset dataset : Dataset.values()) {
      Table table = catalog.loadTable(RawTableCatalog.identifier(dataset.contract()));
      Keys coordinates = new Keys();
      Keys lines = new Keys();
      try (CloseableIterable<Record> read =
          IcebergGenerics.read(table)
              .where(Expressions.startsWith(RawTables.SOURCE_URI, uriPrefix))
              .select(
                  RawTables.SOURCE_TOPIC,
                  RawTables.SOURCE_PARTITION,
                  RawTables.SOURCE_OFFSET,
                  RawTables.SOURCE_URI,
                  RawTables.SOURCE_LINE)
              .build()) {
        for (Record r : read) {
          coordinates.add(
              (String) r.getField(RawTables.SOURCE_TOPIC),
              (Integer) r.getField(RawTables.SOURCE_PARTITION),
              (Long) r.getField(RawTables.SOURCE_OFFSET));
          lines.add(
              (String) r.getField(RawTables.SOURCE_URI),
              0,
              (Long) r.getField(RawTables.SOURCE_LINE));
        }
      }
      rows.put(dataset, coordinates.size());
      List<String> twice = new ArrayList<>(coordinates.duplicates());
      lines.duplicates().forEach(d -> twice.add("line " + d));
      if (!twice.isEmpty()) {
        duplicates.put(dataset, twice);
      }
    }
    assertThat(duplicates)
        .as("source records twice in the raw tables (topic/partition/offset, or file:line)")
        .isEmpty();
    assertThat(rows).as("rows per raw table: every good source record").isEqualTo(expected.good());

    Table table = catalog.loadTable(DeadLetterTable.IDENTIFIER);
    Map<String, Long> landed = new TreeMap<>();
    Keys lines = new Keys();
    Keys sourceCoordinates = new Keys();
    Keys dlqCoordinates = new Keys();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(table)
            .where(Expressions.startsWith(DeadLetterTable.SOURCE_URI, uriPrefix))
            .select(
                DeadLetterTable.STAGE,
                DeadLetterTable.REASON,
                DeadLetterTable.SOURCE_URI,
                DeadLetterTable.SOURCE_LINE,
                DeadLetterTable.SOURCE_TOPIC,
                DeadLetterTable.SOURCE_PARTITION,
                DeadLetterTable.SOURCE_OFFSET,
                DeadLetterTable.DLQ_TOPIC,
                DeadLetterTable.DLQ_PARTITION,
                DeadLetterTable.DLQ_OFFSET)
            .build()) {
      for (Record r : read) {
        String stage = (String) r.getField(DeadLetterTable.STAGE);
        landed.merge(
            stage.equals("raw") ? "raw" : stage + "/" + r.getField(DeadLetterTable.REASON),
            1L,
            Long::sum);
        Long line = (Long) r.getField(DeadLetterTable.SOURCE_LINE);
        lines.add(
            (String) r.getField(DeadLetterTable.SOURCE_URI),
            0,
            line == null ? Keys.NO_OFFSET : line);
        dlqCoordinates.add(
            (String) r.getField(DeadLetterTable.DLQ_TOPIC),
            (Integer) r.getField(DeadLetterTable.DLQ_PARTITION),
            (Long) r.getField(DeadLetterTable.DLQ_OFFSET));
        if (stage.equals("raw")) {
          sourceCoordinates.add(
              (String) r.getField(DeadLetterTable.SOURCE_TOPIC),
              (Integer) r.getField(DeadLetterTable.SOURCE_PARTITION),
              (Long) r.getField(DeadLetterTable.SOURCE_OFFSET));
        }
      }
    }
    assertThat(lines.duplicates()).as("bad lines twice in the dead letters (file:line)").isEmpty();
    assertThat(sourceCoordinates.duplicates())
        .as("raw dead letters twice (source topic/partition/offset)")
        .isEmpty();
    assertThat(dlqCoordinates.duplicates())
        .as("dead-letter records written twice (dlq topic/partition/offset)")
        .isEmpty();
    assertThat(landed).as("dead letters by stage and reason").isEqualTo(expected.deadLetters());
  }

  /**
   * (name, partition, offset) keys packed into longs: a million of them fit in 8 MB and sort in a
   * blink.
   */
  private static final class Keys {
    static final long NO_OFFSET = (1L << 40) - 1;

    private final Map<String, Integer> names = new HashMap<>();
    private final List<String> byIndex = new ArrayList<>();
    private long[] keys = new long[1 << 16];
    private int size;

    void add(String name, Integer partition, Long offset) {
      if (name == null
          || partition == null
          || offset == null
          || partition < 0
          || partition > 0xFFFF
          || offset < 0
          || offset > NO_OFFSET) {
        throw new AssertionError("incomplete lineage: " + name + "/" + partition + "/" + offset);
      }
      int index =
          names.computeIfAbsent(
              name,
              n -> {
                byIndex.add(n);
                return byIndex.size() - 1;
              });
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, keys.length * 2);
      }
      keys[size++] = ((long) index << 56) | ((long) partition << 40) | offset;
    }

    long size() {
      return size;
    }

    /** Up to 20 keys that occur more than once, as "name/partition/offset xN". */
    List<String> duplicates() {
      long[] sorted = Arrays.copyOf(keys, size);
      Arrays.sort(sorted);
      List<String> out = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < sorted.length; ) {
        int j = i;
        while (j < sorted.length && sorted[j] == sorted[i]) {
          j++;
        }
        if (j - i > 1) {
          total++;
          if (out.size() < 20) {
            long k = sorted[i];
            out.add(
                byIndex.get((int) (k >>> 56))
                    + "/"
                    + ((k >>> 40) & 0xFFFF)
                    + "/"
                    + (k & ((1L << 40) - 1))
                    + " x"
                    + (j - i));
          }
        }
        i = j;
      }
      if (total > out.size()) {
        out.add("... " + total + " keys twice in all");
      }
      return out;
    }
  }

  // ---- the stack, the data and the child processes

  private static Path writeConfig(LocalStack stack, Path work) throws IOException {
    Path config = work.resolve("lakehouse.properties");
    stack.settings().write(config);
    // the raw stage alone: this test proves the raw tables' exactly-once under kills; a commit
    // every interval
    // even through the backlog, so that the kills timed by commits land mid-run
    Files.writeString(
        config,
        "streams.commit-interval="
            + COMMIT_INTERVAL_SECONDS
            + "s\ntrusted.enabled=false\nstreams.catch-up-intervals=1\n",
        StandardOpenOption.APPEND);
    return config;
  }

  /**
   * Waits until the five tables hold the expected rows under the prefix. The snapshot summaries say
   * cheaply when the tables have gained that many rows; a scan of the prefix then confirms they are
   * this test's (the rows topics are shared: an app also writes rows that other ITs' apps left in
   * them).
   */
  private static void awaitRows(
      Catalog catalog,
      Map<TableIdentifier, Long> baseline,
      String uriPrefix,
      long rows,
      ChildJvm app,
      Duration timeout)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextScan = 0;
    long mine = -1;
    while (true) {
      long written = rowsWritten(catalog, baseline);
      if (written >= rows && System.nanoTime() >= nextScan) {
        mine = rowsUnder(catalog, uriPrefix);
        if (mine >= rows) {
          return;
        }
        nextScan = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      }
      if (!app.isAlive()) {
        fail(
            "the app died with the tables at %d (%d scanned under the prefix) of %d rows; log:%n%s",
            written, mine, rows, app.logTail(60));
      }
      if (System.nanoTime() > deadline) {
        fail(
            "after %s the tables have gained %d rows (%d scanned under the prefix) of %d; log:%n%s",
            timeout, written, mine, rows, app.logTail(60));
      }
      Thread.sleep(2_000);
    }
  }

  /** Waits until the tables have gained this many rows (snapshot summaries), while the app runs. */
  private static void awaitWritten(
      Catalog catalog, Map<TableIdentifier, Long> baseline, long rows, ChildJvm app)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    long written;
    while ((written = rowsWritten(catalog, baseline)) < rows) {
      if (!app.isAlive() || System.nanoTime() > deadline) {
        fail("the tables gained only %d of %d rows; log:%n%s", written, rows, app.logTail(60));
      }
      Thread.sleep(500);
    }
  }

  /** Rows under the prefix in the five tables, by a scan of one column. */
  static long rowsUnder(Catalog catalog, String uriPrefix) throws IOException {
    long rows = 0;
    for (TableIdentifier id : tables()) {
      String column =
          id.equals(DeadLetterTable.IDENTIFIER) ? DeadLetterTable.SOURCE_URI : RawTables.SOURCE_URI;
      try (CloseableIterable<Record> read =
          IcebergGenerics.read(catalog.loadTable(id))
              .where(Expressions.startsWith(column, uriPrefix))
              .select(column)
              .build()) {
        for (Record ignored : read) {
          rows++;
        }
      }
    }
    return rows;
  }

  private static List<TableIdentifier> tables() {
    List<TableIdentifier> ids = new ArrayList<>();
    Arrays.stream(Dataset.values())
        .map(Dataset::contract)
        .map(RawTableCatalog::identifier)
        .forEach(ids::add);
    ids.add(DeadLetterTable.IDENTIFIER);
    return ids;
  }

  static Map<TableIdentifier, Long> totalRecords(Catalog catalog) {
    Map<TableIdentifier, Long> totals = new HashMap<>();
    for (TableIdentifier id : tables()) {
      Snapshot current = catalog.loadTable(id).currentSnapshot();
      totals.put(
          id,
          current == null
              ? 0L
              : Long.parseLong(current.summary().getOrDefault("total-records", "0")));
    }
    return totals;
  }

  static Map<String, Long> rowsWrittenPerTable(
      Catalog catalog, Map<TableIdentifier, Long> baseline) {
    Map<String, Long> gained = new TreeMap<>();
    totalRecords(catalog)
        .forEach((id, total) -> gained.put(id.toString(), total - baseline.get(id)));
    return gained;
  }

  static long rowsWritten(Catalog catalog, Map<TableIdentifier, Long> baseline) {
    long sum = 0;
    for (Map.Entry<TableIdentifier, Long> entry : totalRecords(catalog).entrySet()) {
      sum += entry.getValue() - baseline.get(entry.getKey());
    }
    return sum;
  }

  /** Publishes the landing files to the source topics with the in-process ingestor. */
  static void ingest(LocalStack stack, Path landing, Expected expected) {
    ingest(stack.settings(), landing, expected);
  }

  static void ingest(LakehouseSettings settings, Path landing, Expected expected) {
    long started = System.nanoTime();
    IngestOptions options =
        new IngestOptions(
            landing.toString(),
            "crash-it-" + UUID.randomUUID(),
            false,
            Duration.ofSeconds(1),
            3,
            5_000,
            500);
    IngestSummary summary;
    try {
      summary =
          new FileIngestRun(options, settings)
              .run(new PrintStream(new ByteArrayOutputStream()), false);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("ingest failed: " + e.getMessage(), e);
    }
    assertThat(summary.published())
        .as("records the ingestor published")
        .isEqualTo(expected.sourceRecords());
    System.out.printf(
        "StreamsAppCrashIT: ingested %d records in %d ms%n",
        summary.published(), (System.nanoTime() - started) / 1_000_000);
  }
}
