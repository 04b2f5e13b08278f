package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.app.CommitLogWatch;
import dev.lakehouse.streams.app.CrashSupport;
import dev.lakehouse.streams.app.FreshStart;
import dev.lakehouse.streams.app.LiveLoad;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once of the trusted stage under SIGKILL: the app (both stages) runs as a child JVM on one
 * state directory and is killed {@value #KILLS} times while it builds the trusted tables, once
 * mid-startup, twice right after an Iceberg commit of {@code trusted.order}, once mid-batch; a last
 * run finishes. Live orders ({@link LiveLoad}) flow beside the files until the last kill, so each
 * kill lands while work remains, however fast the machine. Afterwards: no version of an order,
 * status row, item or garnish is in the tables twice, the versions of every order and status row
 * are 1, 2, … without a gap (none lost, none repeated), and the current rows equal the batch oracle
 * over the raw tables.
 */
@WithLocalStack
class TrustedCrashIT {
  private static final long SEED = Long.getLong("lakehouse.crash-it.seed", 20261122L);
  private static final int KILLS = 4;
  private static final String TRUSTED_COMMIT = "table trusted.order: committed snapshot";
  private static final Path LOGS = Path.of("target", "crash-it-logs");

  @Test
  void killedWhileBuildingTheTrustedTablesItWritesEveryVersionOnce(
      LocalStack stack, @TempDir Path work) throws Exception {
    long started = System.nanoTime();
    Random random = new Random(SEED);
    String appId = "trusted-crash-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(SEED + 7, 20_000, 0.01))
            .generate(new DirectorySink(landing));
    Map<Dataset, Long> expectedRaw = new TreeMap<>();
    for (FileManifest file : manifest.files()) {
      expectedRaw.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
    }
    String uriPrefix = landing.toUri().toString();
    Path config = work.resolve("lakehouse.properties");
    Files.writeString(
        config, Files.readString(stack.config().settingsFile()) + "\nstreams.commit-interval=3s\n");
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    List<String> timeline = new ArrayList<>();
    ChildJvm app = null;
    LiveLoad live = null;
    TrustedOracle oracle;
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      FreshStart.prepare(stack, admin, catalog, appId);
      CompletableFuture<Void> ingestion =
          CompletableFuture.runAsync(
              () -> {
                try {
                  new FileIngestRun(
                          new IngestOptions(
                              landing.toString(),
                              appId,
                              false,
                              Duration.ofSeconds(1),
                              3,
                              5_000,
                              500),
                          stack.settings())
                      .run(new PrintStream(new ByteArrayOutputStream()), false);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      // live orders until the last kill: every kill lands while work remains, and commits keep
      // coming, however fast the app is
      live =
          LiveLoad.start(
              stack.settings().kafka().bootstrapServers(), SEED + 8, 10, uriPrefix + "live-load");
      Path stateDir = work.resolve("state");
      for (int kill = 0; kill < KILLS; kill++) {
        app =
            CrashSupport.startApp(
                config, appId, stateDir, LOGS.resolve(appId).resolve("run-" + kill + ".log"));
        CommitLogWatch log = new CommitLogWatch(app.logFile(), TRUSTED_COMMIT);
        String moment;
        if (kill == 0) {
          long delay = 2_000 + random.nextInt(4_001);
          CrashSupport.sleepWhileAlive(app, delay);
          moment = delay + " ms after the start";
        } else if (kill == 2) {
          log.awaitCommits(app, 1, Duration.ofSeconds(120));
          long delay = 500 + random.nextInt(2_501);
          CrashSupport.sleepWhileAlive(app, delay);
          moment = delay + " ms after the run's first trusted.order commit";
        } else {
          // the run's first commit: a restarted app can finish the rest of the data in two or three
          // commits,
          // so waiting for a later one could wait for a commit that never comes
          long latency = log.awaitCommits(app, 1, Duration.ofSeconds(120));
          moment =
              "right after the run's first trusted.order commit ("
                  + latency
                  + " ms after its log line)";
        }
        assertThat(live.running()).as("the live load runs at kill %d", kill + 1).isTrue();
        CrashSupport.sigkill(app);
        int fenced = CrashSupport.clearAfterKill(admin, appId);
        String entry =
            String.format("kill %d, %s; %d open transactions fenced", kill + 1, moment, fenced);
        timeline.add(entry);
        System.out.println("TrustedCrashIT: " + entry);
      }
      ingestion.get(3, TimeUnit.MINUTES);
      live.stop().forEach((dataset, count) -> expectedRaw.merge(dataset, count, Long::sum));
      app =
          CrashSupport.startApp(
              config, appId, stateDir, LOGS.resolve(appId).resolve("run-final.log"));
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      Map<Dataset, List<Record>> raw = TrustedTableReads.rawRows(catalog, uriPrefix);
      while (!TrustedTableReads.rawComplete(raw, expectedRaw)) {
        assertThat(app.isAlive()).as("the final run died; log:%n%s", app.logTail(40)).isTrue();
        assertThat(System.nanoTime()).as("raw tables incomplete").isLessThan(deadline);
        Thread.sleep(2_000);
        raw = TrustedTableReads.rawRows(catalog, uriPrefix);
      }
      oracle = TrustedTableReads.oracle(stack, raw);
      Map<String, List<Map<String, Object>>> orders;
      while (!(orders =
              TrustedTableReads.current(catalog, TrustedTables.ORDER, oracle.orders.keySet()))
          .equals(oracle.orders)) {
        assertThat(app.isAlive()).as("the final run died; log:%n%s", app.logTail(40)).isTrue();
        if (System.nanoTime() > deadline) {
          assertThat(orders).as("trusted.order after %s", timeline).isEqualTo(oracle.orders);
        }
        Thread.sleep(2_000);
      }
      Thread.sleep(6_000); // two more commit intervals: nothing may arrive twice
      CrashSupport.sigkill(app);
    } finally {
      if (live != null && live.running()) {
        live.stop();
      }
      if (app != null) {
        app.close();
      }
    }
    assertThat(
            TrustedTableReads.current(
                catalog, TrustedTables.ORDER_STATUS, oracle.statuses.keySet()))
        .isEqualTo(oracle.statuses);
    assertThat(TrustedTableReads.current(catalog, TrustedTables.ORDER_ITEM, oracle.orders.keySet()))
        .isEqualTo(oracle.items);
    assertThat(
            TrustedTableReads.current(
                catalog, TrustedTables.ORDER_ITEM_GARNISH, oracle.orders.keySet()))
        .isEqualTo(oracle.garnishes);
    assertVersionsOnceAndGapless(catalog, TrustedTables.ORDER, oracle.orders.keySet());
    assertVersionsOnceAndGapless(catalog, TrustedTables.ORDER_STATUS, oracle.statuses.keySet());
    assertRowsOnce(catalog, TrustedTables.ORDER_ITEM, oracle.orders.keySet(), "item_position");
    assertRowsOnce(
        catalog,
        TrustedTables.ORDER_ITEM_GARNISH,
        oracle.orders.keySet(),
        "item_position",
        "garnish_position");
    System.out.printf(
        "TrustedCrashIT: %d orders, %d kills, seed %d, elapsed %d s: every version once%n",
        oracle.orders.size(), timeline.size(), SEED, (System.nanoTime() - started) / 1_000_000_000);
  }

  /** Per order, the versions are 1..n, each once. */
  static void assertVersionsOnceAndGapless(
      Catalog catalog, TableIdentifier id, Set<String> orderIds) throws Exception {
    Map<String, List<Long>> versions = new HashMap<>();
    for (Record r : TrustedTableReads.all(catalog, id, orderIds, Set.of())) {
      versions
          .computeIfAbsent((String) r.getField("order_id"), k -> new ArrayList<>())
          .add((Long) r.getField(TrustedTables.VERSION));
    }
    assertThat(versions.keySet()).as("%s: every order", id).isEqualTo(orderIds);
    List<String> wrong = new ArrayList<>();
    versions.forEach(
        (order, list) -> {
          TreeSet<Long> distinct = new TreeSet<>(list);
          if (distinct.size() != list.size()
              || distinct.first() != 1
              || distinct.last() != list.size()) {
            wrong.add(order + " " + list);
          }
        });
    assertThat(wrong).as("%s: orders whose versions are not 1..n once each", id).isEmpty();
  }

  /** No (order, version, position...) row twice. */
  static void assertRowsOnce(
      Catalog catalog, TableIdentifier id, Set<String> orderIds, String... positions)
      throws Exception {
    Set<String> seen = new HashSet<>();
    List<String> twice = new ArrayList<>();
    long rows = 0;
    for (Record r : TrustedTableReads.all(catalog, id, orderIds, Set.of())) {
      rows++;
      StringBuilder key =
          new StringBuilder(r.getField("order_id") + "#" + r.getField(TrustedTables.VERSION));
      for (String position : positions) {
        key.append('/').append(r.getField(position));
      }
      if (!seen.add(key.toString())) {
        twice.add(key.toString());
      }
    }
    assertThat(rows).as("%s rows", id).isPositive();
    assertThat(twice).as("%s: rows twice", id).isEmpty();
  }
}
