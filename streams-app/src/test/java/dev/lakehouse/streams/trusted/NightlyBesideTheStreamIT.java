package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.streams.app.ChildStack;
import dev.lakehouse.streams.app.CrashSupport;
import dev.lakehouse.streams.app.FreshStart;
import dev.lakehouse.streams.app.LiveLoad;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.streams.report.TableReport;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job beside a live app. The app (both stages) runs as a child JVM under a live load;
 * the nightly job runs in full meanwhile, with the strictest expiry (age 0, the last snapshot
 * only); then the app is SIGKILLed, restarted and fed more. Afterwards every source record is in
 * its raw table exactly once and the current trusted rows equal the batch oracle: the expiry kept
 * the writer's resume point, no conflict stopped either side, and the consolidation removed no
 * version that was current. A second nightly run, the app idle, leaves every trusted table with
 * only its current rows, which its {@code _current} view, read by Spark, gives too.
 */
class NightlyBesideTheStreamIT {
  private static final long SEED = 20261207L;
  private static final Path LOGS = Path.of("target", "nightly-it-logs");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theNightlyJobRunsBesideALiveAppAndLosesNothing(@TempDir Path work) throws Exception {
    String appId = "nightly-it-" + UUID.randomUUID().toString().substring(0, 8);
    Path logs = LOGS.resolve(appId);
    // a stack of its own: the completeness check compares whole source topics with the lake
    try (ChildStack stack =
        ChildStack.start(StackConfig.withFreePorts(work.resolve("stack")), logs)) {
      run(stack, appId, logs, work);
    }
  }

  private void run(ChildStack stack, String appId, Path logs, Path work) throws Exception {
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(SEED, 4_000, 0.01))
            .generate(new DirectorySink(landing));
    Map<Dataset, Long> expectedRaw = new TreeMap<>();
    for (FileManifest file : manifest.files()) {
      expectedRaw.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
    }
    String uriPrefix = landing.toUri().toString();
    Path config = work.resolve("lakehouse.properties");
    Files.writeString(
        config,
        Files.readString(stack.config().settingsFile())
            + "\nstreams.commit-interval=3s\nnightly.snapshot-max-age=0d\n"
            + "nightly.snapshot-retain-last=1\n");
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    Path stateDir = work.resolve("state");
    // once everything landed the checks compare every record, none left out as too recent
    Path settledConfig = work.resolve("settled.properties");
    Files.writeString(settledConfig, Files.readString(config) + "\nnightly.validation-settle=0s\n");
    ChildJvm app = null;
    LiveLoad live = null;
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      FreshStart.prepare(stack.settings(), admin, catalog, appId);
      app = CrashSupport.startApp(config, appId, stateDir, logs.resolve("run-1.log"));
      new FileIngestRun(
              new IngestOptions(
                  landing.toString(), appId, false, Duration.ofSeconds(1), 3, 5_000, 500),
              stack.settings())
          .run(new PrintStream(new ByteArrayOutputStream()), false);
      live =
          LiveLoad.start(
              stack.settings().kafka().bootstrapServers(), SEED + 1, 10, uriPrefix + "live-load");
      awaitFilesLanded(catalog, uriPrefix, expectedRaw, app);

      // the whole nightly run beside the app and its live load
      long nightlyFrom = System.currentTimeMillis();
      JsonNode report;
      long[] freshness;
      int missed;
      try (FreshnessSampler sampler =
          new FreshnessSampler(
              catalog, RawTableCatalog.identifier(Dataset.ORDER_STATUS.contract()), nightlyFrom)) {
        report = NightlyRuns.run(config, work.resolve("first"), 0, List.of());
        assertThat(app.isAlive()).as("the app ran through the nightly run").isTrue();
        assertThat(live.running()).as("the live load ran through the nightly run").isTrue();
        sampler.close();
        freshness = sampler.sortedMillis();
        missed = sampler.missedSnapshots();
      }
      assertThat(report.get("failed").asBoolean()).as("a failed step: %s", report).isFalse();
      assertThat(NightlyRuns.status(report, "trusted.order", "consolidate")).isEqualTo("DONE");
      assertThat(NightlyRuns.status(report, "raw.order_status", "compact")).isIn("DONE", "PARTIAL");
      assertThat(NightlyRuns.status(report, "raw.order_status", "expire_snapshots"))
          .isEqualTo("DONE");
      assertThat(freshness).as("live rows committed during the nightly run").isNotEmpty();
      System.out.printf(
          "NightlyBesideTheStreamIT: freshness of raw.order_status during the nightly run (%d s):"
              + " p50 %.1f s, p99 %.1f s, max %.1f s over %d live rows (%d snapshots missed);"
              + " steps: %s%n",
          (System.currentTimeMillis() - nightlyFrom) / 1000,
          TableReport.quantile(freshness, 0.5) / 1000.0,
          TableReport.quantile(freshness, 0.99) / 1000.0,
          freshness[freshness.length - 1] / 1000.0,
          freshness.length,
          missed,
          statusCounts(report));

      // the writer resumes from the snapshot the expiry kept: SIGKILL, restart, more records
      CrashSupport.sigkill(app);
      CrashSupport.clearAfterKill(admin, appId);
      app = CrashSupport.startApp(config, appId, stateDir, logs.resolve("run-2.log"));
      Thread.sleep(5_000);
      live.stop().forEach((dataset, count) -> expectedRaw.merge(dataset, count, Long::sum));
      live = null;

      Map<Dataset, List<Record>> raw = awaitRaw(catalog, uriPrefix, expectedRaw, app);
      assertEveryCoordinateOnce(raw);
      TrustedOracle oracle = TrustedTableReads.oracle(stack.config().settingsFile(), raw);
      awaitCurrentRows(catalog, oracle, app);

      // a second run with the app idle: only current rows stay, and the views give them too
      JsonNode second = NightlyRuns.run(settledConfig, work.resolve("second"), 0, List.of());
      assertThat(second.get("failed").asBoolean()).as("a failed step: %s", second).isFalse();
      long records = expectedRaw.values().stream().mapToLong(Long::longValue).sum();
      long compared = 0;
      for (JsonNode check : second.get("checks")) {
        assertThat(
                check.get("passed").asBoolean() || check.get("severity").asText().equals("WARNING"))
            .as("check %s", check)
            .isTrue();
        if (check.get("check").asText().equals("completeness")) {
          assertThat(check.get("passed").asBoolean()).as("check %s", check).isTrue();
          compared += check.get("observed").asLong();
        }
      }
      // every source record compared: those of the files and the live load, and the bad lines'
      // raw dead letters on top
      assertThat(compared).isGreaterThanOrEqualTo(records);
      for (TableIdentifier id :
          List.of(
              TrustedTables.ORDER,
              TrustedTables.ORDER_STATUS,
              TrustedTables.ORDER_ITEM,
              TrustedTables.ORDER_ITEM_GARNISH)) {
        assertOnlyCurrentRows(catalog, id, oracle);
      }
      assertThat(TrustedTableReads.current(catalog, TrustedTables.ORDER, oracle.orders.keySet()))
          .isEqualTo(oracle.orders);
      assertThat(
              TrustedTableReads.current(
                  catalog, TrustedTables.ORDER_STATUS, oracle.statuses.keySet()))
          .isEqualTo(oracle.statuses);
      assertThat(
              TrustedTableReads.current(catalog, TrustedTables.ORDER_ITEM, oracle.orders.keySet()))
          .isEqualTo(oracle.items);
      assertThat(
              TrustedTableReads.current(
                  catalog, TrustedTables.ORDER_ITEM_GARNISH, oracle.orders.keySet()))
          .isEqualTo(oracle.garnishes);
      assertThat(app.isAlive()).isTrue();
      TrustedViewChecks.assertTheViewsHoldTheCurrentRows(
          stack.config().settingsFile(),
          catalog,
          oracle.orders.keySet(),
          oracle.statuses.keySet(),
          work);

      // a check that must fail does: a raw table loses a data file, the completeness check
      // names the records that are gone and the job exits 3
      org.apache.iceberg.Table statuses =
          catalog.loadTable(RawTableCatalog.identifier(Dataset.ORDER_STATUS.contract()));
      org.apache.iceberg.DataFile lost;
      try (var files = statuses.newScan().planFiles()) {
        lost = files.iterator().next().file();
      }
      statuses.newDelete().deleteFile(lost).commit();
      JsonNode corrupted = NightlyRuns.run(settledConfig, work.resolve("corrupted"), 3, List.of());
      JsonNode completeness = null;
      for (JsonNode check : corrupted.get("checks")) {
        if (check.get("check").asText().equals("completeness")
            && check.get("table").asText().equals("raw.order_status")) {
          completeness = check;
        }
      }
      assertThat(completeness).as("the completeness of raw.order_status").isNotNull();
      assertThat(completeness.get("passed").asBoolean()).isFalse();
      assertThat(
              completeness.get("expected").get("value").asLong()
                  - completeness.get("observed").asLong())
          .isEqualTo(lost.recordCount());
      assertThat(completeness.get("sample").toString()).contains("src.food.order_status-");
    } finally {
      if (live != null && live.running()) {
        live.stop();
      }
      if (app != null) {
        app.close();
      }
    }
  }

  private static void awaitFilesLanded(
      Catalog catalog, String uriPrefix, Map<Dataset, Long> files, ChildJvm app) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (true) {
      Map<Dataset, List<Record>> raw = TrustedTableReads.rawRows(catalog, uriPrefix);
      if (files.entrySet().stream().allMatch(e -> raw.get(e.getKey()).size() >= e.getValue())
          && TableReport.counts(catalog.loadTable(TrustedTables.ORDER)).snapshots() >= 3) {
        return;
      }
      assertThat(app.isAlive()).as("the app died; log:%n%s", app.logTail(40)).isTrue();
      assertThat(System.nanoTime()).as("the files did not land").isLessThan(deadline);
      Thread.sleep(2_000);
    }
  }

  private static Map<Dataset, List<Record>> awaitRaw(
      Catalog catalog, String uriPrefix, Map<Dataset, Long> expected, ChildJvm app)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Map<Dataset, List<Record>> raw = TrustedTableReads.rawRows(catalog, uriPrefix);
    while (!TrustedTableReads.rawComplete(raw, expected)) {
      assertThat(app.isAlive()).as("the restarted app died; log:%n%s", app.logTail(40)).isTrue();
      if (System.nanoTime() > deadline) {
        Map<Dataset, Integer> rows = new TreeMap<>();
        raw.forEach((dataset, list) -> rows.put(dataset, list.size()));
        assertThat(rows).as("raw rows against %s", expected).isEqualTo(expected);
      }
      Thread.sleep(2_000);
      raw = TrustedTableReads.rawRows(catalog, uriPrefix);
    }
    Thread.sleep(6_000); // two more commit intervals: nothing may arrive twice
    raw = TrustedTableReads.rawRows(catalog, uriPrefix);
    Map<Dataset, Integer> rows = new TreeMap<>();
    raw.forEach((dataset, list) -> rows.put(dataset, list.size()));
    Map<Dataset, Integer> wanted = new TreeMap<>();
    expected.forEach((dataset, count) -> wanted.put(dataset, count.intValue()));
    assertThat(rows).as("raw rows after the restart").isEqualTo(wanted);
    return raw;
  }

  private static void assertEveryCoordinateOnce(Map<Dataset, List<Record>> raw) {
    raw.forEach(
        (dataset, rows) -> {
          Set<String> coordinates = new HashSet<>();
          List<String> twice = new ArrayList<>();
          for (Record r : rows) {
            String key =
                r.getField(RawTables.SOURCE_TOPIC)
                    + "-"
                    + r.getField(RawTables.SOURCE_PARTITION)
                    + "@"
                    + r.getField(RawTables.SOURCE_OFFSET);
            if (!coordinates.add(key)) {
              twice.add(key);
            }
          }
          assertThat(twice).as("%s: source records twice", dataset).isEmpty();
        });
  }

  private static void awaitCurrentRows(Catalog catalog, TrustedOracle oracle, ChildJvm app)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Map<String, List<Map<String, Object>>> orders;
    while (!(orders =
            TrustedTableReads.current(catalog, TrustedTables.ORDER, oracle.orders.keySet()))
        .equals(oracle.orders)) {
      assertThat(app.isAlive()).as("the restarted app died; log:%n%s", app.logTail(40)).isTrue();
      if (System.nanoTime() > deadline) {
        assertThat(orders).as("trusted.order against the oracle").isEqualTo(oracle.orders);
      }
      Thread.sleep(2_000);
    }
  }

  /** Per order, every row of the table is of its highest version. */
  private static void assertOnlyCurrentRows(
      Catalog catalog, TableIdentifier id, TrustedOracle oracle) throws Exception {
    Map<String, Set<Long>> versions = new HashMap<>();
    long rows = 0;
    for (Record r :
        TrustedTableReads.all(catalog, id, oracle.orders.keySet(), oracle.statuses.keySet())) {
      rows++;
      versions
          .computeIfAbsent((String) r.getField("order_id"), k -> new HashSet<>())
          .add((Long) r.getField(TrustedTables.VERSION));
    }
    assertThat(rows).as("%s rows", id).isPositive();
    List<String> mixed = new ArrayList<>();
    versions.forEach(
        (order, set) -> {
          if (set.size() != 1) {
            mixed.add(order + " " + set);
          }
        });
    assertThat(mixed).as("%s: orders with more than their current version", id).isEmpty();
  }

  /** How the steps ended, and which ones lost a race. */
  private static String statusCounts(JsonNode report) {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> races = new ArrayList<>();
    report
        .get("steps")
        .forEach(
            s -> {
              counts.merge(s.get("status").asText(), 1, Integer::sum);
              if (List.of("CONFLICT", "PARTIAL").contains(s.get("status").asText())) {
                races.add(
                    s.get("table").asText()
                        + " "
                        + s.get("step").asText()
                        + ": "
                        + s.get("summary").asText());
              }
            });
    return counts + (races.isEmpty() ? "" : " " + races);
  }
}
