package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.file.IngestSummary;
import dev.lakehouse.ingest.file.IngestTopics;
import dev.lakehouse.ingest.generate.BadLineKind;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.StreamsCommand;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once of the Streams app under process faults. The app runs as a child JVM ({@link StreamsCommand},
 * as in production), the data is ingested in this JVM while it runs, and afterwards, for this test's source
 * files only: no (topic, partition, offset) twice in any raw table, every good source record present, every
 * bad one in {@code raw.dead_letters} once, with the manifest's reasons.
 *
 * <ul>
 *   <li>{@link #sigkilledAgainAndAgainItStillWritesEveryRecordOnce}: one instance over more than a million
 *       source records, SIGKILLed {@value #KILLS} times and restarted on the same state directory each time.
 *       The kill moments cycle through three kinds, with delays drawn from a seeded {@link Random} (the seed
 *       is printed; {@code -Dlakehouse.crash-it.seed=N} replays one): a random 2-8 s after the start (often
 *       mid-startup or mid-rebalance), at once after the n-th "committed snapshot" log line of the run (n
 *       random 1-4, the window between the Iceberg commit and everything after it), and a random 0.5-4 s
 *       after the run's first commit (mid-batch). A last instance then drains the rest.
 *   <li>{@link #twoInstancesShareTheWorkAndOneLeavesMidRun}: two instances of one application id; once both
 *       have committed to Iceberg, one leaves <em>gracefully</em> (SIGTERM through {@link ChildJvm#close()}:
 *       its writer commits its last batch and leaves the group while the other keeps writing), and the other
 *       finishes alone. The SIGKILL path is the other test's.
 * </ul>
 *
 * <p>The stack is shared by every IT of this JVM: each test uses its own application id, positions it at the
 * current end of the source topics before ingesting (so it processes only this test's records), and reads
 * back only rows whose source URI is under its own landing directory. After a SIGKILL the dead instance's
 * group members are removed through the admin API, which is what the broker does by itself when their
 * session times out (45 s); it saves that wait at each restart and changes nothing else: the process is
 * gone by then.
 */
@WithLocalStack
class StreamsAppCrashIT {
  private static final long SEED = Long.getLong("lakehouse.crash-it.seed", 20261122L);
  private static final int KILLS = 12;
  private static final long MIN_SOURCE_RECORDS = 1_000_000;
  private static final String COMMIT_LINE = "committed snapshot";
  private static final String WRITER_GROUP_SUFFIX = "-iceberg-writer";
  private static final Path LOGS = Path.of("target", "crash-it-logs");

  @Test
  void sigkilledAgainAndAgainItStillWritesEveryRecordOnce(LocalStack stack, @TempDir Path work) throws Exception {
    long started = System.nanoTime();
    Random random = new Random(SEED);
    String appId = "crash-it-" + UUID.randomUUID();
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(SEED, 200_000, 0.01)).generate(new DirectorySink(landing));
    Expected expected = Expected.of(manifest);
    assertThat(expected.sourceRecords()).as("source records published by the ingestor").isGreaterThanOrEqualTo(MIN_SOURCE_RECORDS);
    System.out.printf("StreamsAppCrashIT: seed %d, app %s, %d source records (%d good, %d wrong-typed), %d ingest dead letters%n",
        SEED, appId, expected.sourceRecords(), expected.goodRecords(), expected.wrongTypes(), expected.ingestDeadLetters());

    Path config = writeConfig(stack, work);
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    List<String> timeline = new ArrayList<>();
    int afterCommitKills = 0;
    ChildJvm last = null;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()));
        Ingestion ingestion = new Ingestion()) {
      prepare(stack, admin, catalog, appId);
      Map<TableIdentifier, Long> baseline = totalRecords(catalog);
      ingestion.start(stack, landing);

      Path stateDir = work.resolve("state");
      for (int kill = 0; kill < KILLS; kill++) {
        ChildJvm app = startApp(config, appId, stateDir, LOGS.resolve(appId).resolve("run-" + kill + ".log"));
        LogWatch log = new LogWatch(app.logFile());
        long runStarted = System.nanoTime();
        String moment;
        switch (kill % 3) {
          case 0 -> {
            long delay = 2_000 + random.nextInt(6_001);
            sleepWhileAlive(app, delay);
            moment = "at " + delay + " ms after the start";
          }
          case 1 -> {
            int commits = 1 + random.nextInt(4);
            long latency = log.awaitCommits(app, commits, Duration.ofSeconds(90));
            moment = "right after commit #" + commits + " of the run (" + latency + " ms after its log line)";
            afterCommitKills++;
          }
          default -> {
            log.awaitCommits(app, 1, Duration.ofSeconds(90));
            long delay = 500 + random.nextInt(3_501);
            sleepWhileAlive(app, delay);
            moment = "at " + delay + " ms after the run's first commit";
          }
        }
        assertThat(app.isAlive()).as("run %d died before it was killed; log:%n%s", kill, app.logTail(40)).isTrue();
        sigkill(app);
        log.poll();
        removeGroupMembers(admin, appId);
        long written = rowsWritten(catalog, baseline);
        String entry = String.format("kill %2d after %5d ms, %s: %d commit lines in this run, %d of %d rows in the tables",
            kill + 1, (System.nanoTime() - runStarted) / 1_000_000, moment, log.commits(), written, expected.rows());
        timeline.add(entry);
        System.out.println("StreamsAppCrashIT: " + entry);
        if (kill == KILLS - 1) {
          assertThat(written).as("the last kill came after the run was over: %s", timeline).isLessThan(expected.rows());
        }
      }

      last = startApp(config, appId, stateDir, LOGS.resolve(appId).resolve("run-final.log"));
      IngestSummary summary = ingestion.await();
      awaitRows(catalog, baseline, expected.rows(), last, Duration.ofMinutes(3));
      Thread.sleep(3_000); // a few more commit intervals: nothing may arrive twice
      System.out.println("StreamsAppCrashIT: ingest " + summary.getClass().getSimpleName() + " done; final run reached "
          + rowsWritten(catalog, baseline) + " rows");
    } finally {
      if (last != null) {
        last.close();
      }
    }
    assertThat(afterCommitKills).isGreaterThanOrEqualTo(1);
    assertThat(timeline).hasSizeGreaterThanOrEqualTo(10);

    assertExactlyOnce(catalog, expected, landing.toUri().toString());
    System.out.printf("StreamsAppCrashIT: %d source records, %d kills (%d right after an Iceberg commit), %d restarts, "
            + "seed %d, elapsed %d s: exactly once%n", expected.sourceRecords(), timeline.size(), afterCommitKills, KILLS,
        SEED, (System.nanoTime() - started) / 1_000_000_000);
  }

  @Test
  void twoInstancesShareTheWorkAndOneLeavesMidRun(LocalStack stack, @TempDir Path work) throws Exception {
    long started = System.nanoTime();
    String appId = "crash-it-pair-" + UUID.randomUUID();
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(SEED + 1, 20_000, 0.01)).generate(new DirectorySink(landing));
    Expected expected = Expected.of(manifest);
    Path config = writeConfig(stack, work);
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    ChildJvm stays = null;
    ChildJvm leaves = null;
    long rowsWhenLeft;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()));
        Ingestion ingestion = new Ingestion()) {
      prepare(stack, admin, catalog, appId);
      Map<TableIdentifier, Long> baseline = totalRecords(catalog);
      stays = startApp(config, appId, work.resolve("state-a"), LOGS.resolve(appId).resolve("instance-a.log"));
      leaves = startApp(config, appId, work.resolve("state-b"), LOGS.resolve(appId).resolve("instance-b.log"));
      LogWatch stayLog = new LogWatch(stays.logFile());
      LogWatch leaveLog = new LogWatch(leaves.logFile());
      ingestion.start(stack, landing);
      // both share the work: each has committed to Iceberg
      stayLog.awaitCommits(stays, 1, Duration.ofSeconds(90));
      leaveLog.awaitCommits(leaves, 1, Duration.ofSeconds(90));
      rowsWhenLeft = rowsWritten(catalog, baseline);
      long closing = System.nanoTime();
      leaves.close();
      System.out.printf("StreamsAppCrashIT: instance b left gracefully at %d of %d rows after %d commits (stop took %d ms, exit %s); "
              + "instance a had %d commits%n", rowsWhenLeft, expected.rows(), leaveLog.poll() + leaveLog.commits(),
          (System.nanoTime() - closing) / 1_000_000, leaves.waitFor(Duration.ZERO), stayLog.commits());
      assertThat(rowsWhenLeft).as("instance b left after the run was over").isLessThan(expected.rows());
      ingestion.await();
      awaitRows(catalog, baseline, expected.rows(), stays, Duration.ofMinutes(3));
      Thread.sleep(3_000);
    } finally {
      if (leaves != null) {
        leaves.close();
      }
      if (stays != null) {
        stays.close();
      }
    }
    assertExactlyOnce(catalog, expected, landing.toUri().toString());
    System.out.printf("StreamsAppCrashIT: two instances, one left mid-run: %d source records, elapsed %d s: exactly once%n",
        expected.sourceRecords(), (System.nanoTime() - started) / 1_000_000_000);
  }

  // ---- what the manifest says must land

  /** Good rows per dataset, dead letters by "stage/reason" ("raw" for the raw stage), as StreamsAppIT counts them. */
  private record Expected(Map<Dataset, Long> good, Map<String, Long> deadLetters, long sourceRecords) {
    static Expected of(GenerationManifest manifest) {
      Map<Dataset, Long> good = new TreeMap<>();
      Map<String, Long> deadLetters = new TreeMap<>();
      long published = 0;
      long wrongTypes = 0;
      for (FileManifest file : manifest.files()) {
        long wrong = file.badLines().getOrDefault(BadLineKind.WRONG_TYPES, 0L);
        good.merge(Dataset.valueOf(file.dataset()), file.expectedPublished() - wrong, Long::sum);
        file.expectedDeadLetters().forEach((reason, count) -> deadLetters.merge("ingest/" + reason, count, Long::sum));
        published += file.expectedPublished();
        wrongTypes += wrong;
      }
      assertThat(wrongTypes).as("the data has wrong-typed records for the raw stage").isPositive();
      deadLetters.put("raw", wrongTypes);
      return new Expected(good, deadLetters, published);
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

  private static void assertExactlyOnce(Catalog catalog, Expected expected, String uriPrefix) throws IOException {
    Map<Dataset, Long> rows = new TreeMap<>();
    Map<Dataset, List<String>> duplicates = new TreeMap<>();
    for (Dataset dataset : Dataset.values()) {
      Table table = catalog.loadTable(RawTableCatalog.identifier(dataset));
      Keys coordinates = new Keys();
      Keys lines = new Keys();
      try (CloseableIterable<Record> read = IcebergGenerics.read(table)
          .where(Expressions.startsWith(RawTables.SOURCE_URI, uriPrefix))
          .select(RawTables.SOURCE_TOPIC, RawTables.SOURCE_PARTITION, RawTables.SOURCE_OFFSET, RawTables.SOURCE_URI,
              RawTables.SOURCE_LINE)
          .build()) {
        for (Record r : read) {
          coordinates.add((String) r.getField(RawTables.SOURCE_TOPIC), (Integer) r.getField(RawTables.SOURCE_PARTITION),
              (Long) r.getField(RawTables.SOURCE_OFFSET));
          lines.add((String) r.getField(RawTables.SOURCE_URI), 0, (Long) r.getField(RawTables.SOURCE_LINE));
        }
      }
      rows.put(dataset, coordinates.size());
      List<String> twice = new ArrayList<>(coordinates.duplicates());
      lines.duplicates().forEach(d -> twice.add("line " + d));
      if (!twice.isEmpty()) {
        duplicates.put(dataset, twice);
      }
    }
    assertThat(duplicates).as("source records twice in the raw tables (topic/partition/offset, or file:line)").isEmpty();
    assertThat(rows).as("rows per raw table: every good source record").isEqualTo(expected.good());

    Table table = catalog.loadTable(DeadLetterTable.IDENTIFIER);
    Map<String, Long> landed = new TreeMap<>();
    Keys lines = new Keys();
    Keys sourceCoordinates = new Keys();
    Keys dlqCoordinates = new Keys();
    try (CloseableIterable<Record> read = IcebergGenerics.read(table)
        .where(Expressions.startsWith(DeadLetterTable.SOURCE_URI, uriPrefix))
        .select(DeadLetterTable.STAGE, DeadLetterTable.REASON, DeadLetterTable.SOURCE_URI, DeadLetterTable.SOURCE_LINE,
            DeadLetterTable.SOURCE_TOPIC, DeadLetterTable.SOURCE_PARTITION, DeadLetterTable.SOURCE_OFFSET,
            DeadLetterTable.DLQ_TOPIC, DeadLetterTable.DLQ_PARTITION, DeadLetterTable.DLQ_OFFSET)
        .build()) {
      for (Record r : read) {
        String stage = (String) r.getField(DeadLetterTable.STAGE);
        landed.merge(stage.equals("raw") ? "raw" : stage + "/" + r.getField(DeadLetterTable.REASON), 1L, Long::sum);
        lines.add((String) r.getField(DeadLetterTable.SOURCE_URI), 0, (Long) r.getField(DeadLetterTable.SOURCE_LINE));
        dlqCoordinates.add((String) r.getField(DeadLetterTable.DLQ_TOPIC), (Integer) r.getField(DeadLetterTable.DLQ_PARTITION),
            (Long) r.getField(DeadLetterTable.DLQ_OFFSET));
        if (stage.equals("raw")) {
          sourceCoordinates.add((String) r.getField(DeadLetterTable.SOURCE_TOPIC),
              (Integer) r.getField(DeadLetterTable.SOURCE_PARTITION), (Long) r.getField(DeadLetterTable.SOURCE_OFFSET));
        }
      }
    }
    assertThat(lines.duplicates()).as("bad lines twice in the dead letters (file:line)").isEmpty();
    assertThat(sourceCoordinates.duplicates()).as("raw dead letters twice (source topic/partition/offset)").isEmpty();
    assertThat(dlqCoordinates.duplicates()).as("dead-letter records written twice (dlq topic/partition/offset)").isEmpty();
    assertThat(landed).as("dead letters by stage and reason").isEqualTo(expected.deadLetters());
  }

  /** (name, partition, offset) keys packed into longs: a million of them fit in 8 MB and sort in a blink. */
  private static final class Keys {
    private final Map<String, Integer> names = new HashMap<>();
    private final List<String> byIndex = new ArrayList<>();
    private long[] keys = new long[1 << 16];
    private int size;

    void add(String name, Integer partition, Long offset) {
      assertThat(name).as("lineage name").isNotNull();
      assertThat(partition).as("lineage partition of %s", name).isNotNull().isBetween(0, 0xFFFF);
      assertThat(offset).as("lineage offset of %s", name).isNotNull().isBetween(0L, (1L << 40) - 1);
      int index = names.computeIfAbsent(name, n -> {
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
            out.add(byIndex.get((int) (k >>> 56)) + "/" + ((k >>> 40) & 0xFFFF) + "/" + (k & ((1L << 40) - 1)) + " x" + (j - i));
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

  /** The topics and tables exist, and the new application starts at the current end of the source topics. */
  private static void prepare(LocalStack stack, Admin admin, Catalog catalog, String appId) throws Exception {
    IngestTopics.ensure(admin, 3);
    PipelineTopics.ensure(stack.settings().kafka().bootstrapServers(), List.of(Dataset.values()));
    RawTableCatalog.ensure(catalog, List.of(Dataset.values()));
    DeadLetterTable.ensure(catalog);
    List<String> sources = Arrays.stream(Dataset.values()).map(Dataset::topic).toList();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicDescription topic : admin.describeTopics(sources).allTopicNames().get().values()) {
      topic.partitions().forEach(p -> request.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
    admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
        .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
    admin.alterConsumerGroupOffsets(appId, ends).all().get();
  }

  private static Path writeConfig(LocalStack stack, Path work) throws IOException {
    Path config = work.resolve("lakehouse.properties");
    stack.settings().write(config);
    Files.writeString(config, "streams.commit-interval=1s\n", StandardOpenOption.APPEND);
    return config;
  }

  private static ChildJvm startApp(Path config, String appId, Path stateDir, Path log) throws IOException {
    return ChildJvm.start(new ChildJvm.Spec(
        "streams " + log.getFileName(),
        LakehouseHome.fromEnvironment().moduleClasspath("streams-app"),
        List.of("-Xmx1g"),
        StreamsCommand.class.getName(),
        List.of("--config", config.toString(), "--application-id", appId, "--http-port", "0", "--state-dir", stateDir.toString()),
        log));
  }

  private static void sigkill(ChildJvm app) throws InterruptedException {
    ProcessHandle.of(app.pid()).ifPresent(ProcessHandle::destroyForcibly);
    assertThat(app.waitFor(Duration.ofSeconds(30))).as("the killed app is gone").isPresent();
  }

  /** What the broker does when the dead members' sessions expire, without the 45 s wait. */
  private static void removeGroupMembers(Admin admin, String appId) {
    for (String group : List.of(appId, appId + WRITER_GROUP_SUFFIX)) {
      try {
        admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // no members (the run died before joining): nothing to remove
        System.out.println("StreamsAppCrashIT: no members removed from " + group + ": " + e.getMessage());
      }
    }
  }

  private static void sleepWhileAlive(ChildJvm app, long millis) throws InterruptedException {
    assertThat(app.waitFor(Duration.ofMillis(millis))).as("the app ended by itself; log:%n%s", app.logTail(40)).isEmpty();
  }

  /** Waits until the five tables have gained the expected rows (from the snapshot summaries: no scan). */
  private static void awaitRows(Catalog catalog, Map<TableIdentifier, Long> baseline, long rows, ChildJvm app, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long written;
    while ((written = rowsWritten(catalog, baseline)) < rows) {
      assertThat(app.isAlive()).as("the final app died at %d of %d rows; log:%n%s", written, rows, app.logTail(60)).isTrue();
      assertThat(System.nanoTime()).as("the tables hold %d of %d rows after %s; log:%n%s", written, rows, timeout, app.logTail(60))
          .isLessThan(deadline);
      Thread.sleep(2_000);
    }
  }

  private static List<TableIdentifier> tables() {
    List<TableIdentifier> ids = new ArrayList<>();
    Arrays.stream(Dataset.values()).map(RawTableCatalog::identifier).forEach(ids::add);
    ids.add(DeadLetterTable.IDENTIFIER);
    return ids;
  }

  private static Map<TableIdentifier, Long> totalRecords(Catalog catalog) {
    Map<TableIdentifier, Long> totals = new HashMap<>();
    for (TableIdentifier id : tables()) {
      Snapshot current = catalog.loadTable(id).currentSnapshot();
      totals.put(id, current == null ? 0L : Long.parseLong(current.summary().getOrDefault("total-records", "0")));
    }
    return totals;
  }

  private static long rowsWritten(Catalog catalog, Map<TableIdentifier, Long> baseline) {
    long sum = 0;
    for (Map.Entry<TableIdentifier, Long> entry : totalRecords(catalog).entrySet()) {
      sum += entry.getValue() - baseline.get(entry.getKey());
    }
    return sum;
  }

  /** The in-process ingestor, in the background so that the app's runs meet a growing topic. */
  private static final class Ingestion implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "crash-it-ingest"));
    private Future<IngestSummary> run;

    void start(LocalStack stack, Path landing) {
      IngestOptions options = new IngestOptions(landing.toString(), "crash-it-" + UUID.randomUUID(), false, Duration.ofSeconds(1),
          3, 5_000, 500);
      run = executor.submit(() -> new FileIngestRun(options, stack.settings()).run(new PrintStream(new ByteArrayOutputStream()), false));
    }

    IngestSummary await() throws Exception {
      return run.get(3, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  /** Follows a child's log file and counts the writer's "committed snapshot" lines as they appear. */
  private static final class LogWatch {
    private final Path file;
    private long position;
    private String partial = "";
    private int commits;

    LogWatch(Path file) {
      this.file = file;
    }

    int commits() {
      return commits;
    }

    /** Reads what was appended since the last call; returns the commit lines among it. */
    int poll() throws IOException {
      if (!Files.exists(file)) {
        return 0;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = channel.size();
        if (size <= position) {
          return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, 16 << 20));
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
          // read all that is there
        }
        position += buffer.position();
        String text = partial + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        partial = text.substring(end + 1);
        int found = 0;
        for (int at = text.indexOf(COMMIT_LINE); at >= 0 && at <= end; at = text.indexOf(COMMIT_LINE, at + 1)) {
          found++;
        }
        commits += found;
        return found;
      }
    }

    /** Waits until the run has logged this many commits in all; returns how long ago the last one was seen (ms). */
    long awaitCommits(ChildJvm app, int wanted, Duration timeout) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long polled = System.nanoTime();
        poll();
        if (commits >= wanted) {
          return (System.nanoTime() - polled) / 1_000_000;
        }
        assertThat(app.isAlive()).as("the app died waiting for commit %d; log:%n%s", wanted, app.logTail(40)).isTrue();
        assertThat(System.nanoTime()).as("no commit %d within %s; log:%n%s", wanted, timeout, app.logTail(40)).isLessThan(deadline);
        Thread.sleep(10);
      }
    }
  }
}
