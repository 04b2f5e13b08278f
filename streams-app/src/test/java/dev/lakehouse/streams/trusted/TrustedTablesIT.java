package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.app.FreshStart;
import dev.lakehouse.streams.app.ProcessLogCheck;
import dev.lakehouse.streams.app.StreamsApp;
import dev.lakehouse.streams.measure.ProcessLogTable;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated files → ingest → the Streams app (raw and trusted stages) → the trusted tables, read
 * the documented way (the highest version per order), equal the batch oracle over the raw tables'
 * complete inputs; no clear personal value appears in any version of any trusted row; no version is
 * written twice; Spark reads the same current rows through the trusted views.
 */
@WithLocalStack
class TrustedTablesIT {

  @Test
  void theTrustedTablesEqualTheBatchOracleAndHoldNoClearPersonalData(
      LocalStack stack, @TempDir Path work) throws Exception {
    String appId = "it-trusted-" + UUID.randomUUID().toString().substring(0, 8);
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      FreshStart.prepare(stack, admin, catalog, appId);
    }
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(4242, 1_200, 0.02))
            .generate(new DirectorySink(landing));
    String uriPrefix = landing.toUri().toString();
    Map<Dataset, Long> expectedRaw = new TreeMap<>();
    for (FileManifest file : manifest.files()) {
      expectedRaw.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
    }
    StreamsSettings fast =
        StreamsSettings.defaults(work.resolve("state"))
            .withApplicationId(appId)
            .withCommitInterval(Duration.ofSeconds(1))
            .withHttpPort(0);
    try (StreamsApp app = StreamsApp.start(stack.settings(), fast, stack.trustedSettings())) {
      new FileIngestRun(
              new IngestOptions(
                  landing.toString(),
                  "it-trusted-" + UUID.randomUUID(),
                  false,
                  Duration.ofSeconds(1),
                  3,
                  5_000,
                  500),
              stack.settings())
          .run(new PrintStream(new ByteArrayOutputStream()), false);
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      Map<Dataset, List<Record>> raw = TrustedTableReads.rawRows(catalog, uriPrefix);
      while (!TrustedTableReads.rawComplete(raw, expectedRaw)) {
        assertThat(app.fatalError()).isNull();
        assertThat(System.nanoTime()).as("raw tables incomplete").isLessThan(deadline);
        Thread.sleep(1_000);
        raw = TrustedTableReads.rawRows(catalog, uriPrefix);
      }
      TrustedOracle oracle = TrustedTableReads.oracle(stack, raw);
      assertThat(oracle.orders).hasSizeGreaterThan(1_000);
      assertThat(
              oracle.orders.values().stream()
                  .filter(rows -> (Integer) rows.get(0).get("rejected_copies") > 0))
          .isNotEmpty();

      Map<String, List<Map<String, Object>>> orders = Map.of();
      while (!(orders =
              TrustedTableReads.current(catalog, TrustedTables.ORDER, oracle.orders.keySet()))
          .equals(oracle.orders)) {
        assertThat(app.fatalError()).isNull();
        if (System.nanoTime() > deadline) {
          assertThat(orders)
              .as("trusted.order, read as its current versions")
              .isEqualTo(oracle.orders);
        }
        Thread.sleep(1_000);
      }
      Set<String> statusIds = oracle.statuses.keySet();
      assertThat(TrustedTableReads.current(catalog, TrustedTables.ORDER_STATUS, statusIds))
          .isEqualTo(oracle.statuses);
      assertThat(
              TrustedTableReads.current(catalog, TrustedTables.ORDER_ITEM, oracle.orders.keySet()))
          .isEqualTo(oracle.items);
      assertThat(
              TrustedTableReads.current(
                  catalog, TrustedTables.ORDER_ITEM_GARNISH, oracle.orders.keySet()))
          .isEqualTo(oracle.garnishes);
      assertThat(app.fatalError()).isNull();

      Map<String, Set<String>> personal = TrustedTableReads.clearPersonalValuesByOrder(raw);
      assertThat(personal.values().stream().mapToInt(Set::size).sum()).isGreaterThan(2_000);
      // every string column against every order's clear values, whole or inside a longer text
      Set<String> everyValue = new HashSet<>();
      personal.values().forEach(everyValue::addAll);
      PersonalDataFinder finder = new PersonalDataFinder(everyValue);
      // the consumers' CPFs, full names and mobile numbers (599 for this seed); not the addresses'
      // short external ids
      assertThat(finder.size()).isGreaterThan(500);
      for (TableIdentifier id :
          List.of(
              TrustedTables.ORDER,
              TrustedTables.ORDER_STATUS,
              TrustedTables.ORDER_ITEM,
              TrustedTables.ORDER_ITEM_GARNISH)) {
        Set<String> versions = new HashSet<>();
        long rows = 0;
        for (Record record :
            TrustedTableReads.all(catalog, id, oracle.orders.keySet(), statusIds)) {
          rows++;
          for (NestedField column : record.struct().fields()) {
            Object value = record.getField(column.name());
            assertThat(
                    value instanceof String text
                        && personal
                            .getOrDefault((String) record.getField("order_id"), Set.of())
                            .contains(text))
                .as("%s.%s holds a clear personal value of its order", id, column.name())
                .isFalse();
            if (value instanceof String text) {
              assertThat(finder.find(text))
                  .as("%s.%s holds a clear personal value", id, column.name())
                  .isNull();
            }
          }
          if (id.equals(TrustedTables.ORDER) || id.equals(TrustedTables.ORDER_STATUS)) {
            assertThat(
                    versions.add(
                        record.getField("order_id") + "#" + record.getField(TrustedTables.VERSION)))
                .as("%s: a version twice", id)
                .isTrue();
          }
        }
        assertThat(rows).as("%s rows scanned", id).isPositive();
      }
      TrustedViewChecks.assertTheViewsHoldTheCurrentRows(
          stack, catalog, oracle.orders.keySet(), statusIds, work);

      // the query layer: the nightly job's views step makes the datamarts (a run on a table the
      // views do not read, so nothing is consolidated yet); every view and doc example gives the
      // same rows on Trino and Spark, and again after the consolidation
      Path settings = stack.config().settingsFile();
      // the measure step too: the process log holds the ingest's runs (and earlier tests')
      String bootstrap = stack.settings().kafka().bootstrapServers();
      ProcessLogCheck.awaitEveryEventOnce(
          bootstrap, catalog, () -> assertThat(app.fatalError()).isNull(), Duration.ofMinutes(2));
      JsonNode viewsRun =
          NightlyRuns.run(
              settings,
              work.resolve("nightly-views"),
              0,
              List.of(
                  TrustedTables.DATA_QUALITY.toString(), ProcessLogTable.IDENTIFIER.toString()));
      assertThat(viewsRun.get("views").toString()).contains("mart.daily_orders");
      assertThat(viewsRun.get("measure").get("status").asText()).isEqualTo("DONE");
      int facts = MeasureChecks.assertTheStarSchemaHoldsEveryEndedRun(catalog, bootstrap);
      assertThat(viewsRun.get("measure").get("added").get("measure.fact_process").asLong())
          .as("facts the first measure run added (earlier tests' runs included)")
          .isPositive()
          .isLessThanOrEqualTo(facts);
      try (TrinoReads trino = TrinoReads.start(settings, work.resolve("trino"))) {
        Map<String, List<String>> before =
            QueryLayerChecks.assertBothEnginesAgree(
                settings, catalog, trino, work.resolve("before"));
        JsonNode consolidation =
            NightlyRuns.run(
                settings,
                work.resolve("nightly-consolidation"),
                0,
                List.of(
                    TrustedTables.ORDER.toString(),
                    TrustedTables.ORDER_STATUS.toString(),
                    TrustedTables.ORDER_ITEM.toString(),
                    TrustedTables.ORDER_ITEM_GARNISH.toString(),
                    ProcessLogTable.IDENTIFIER.toString()));
        assertThat(NightlyRuns.status(consolidation, TrustedTables.ORDER.toString(), "consolidate"))
            .isEqualTo("DONE");
        assertThat(consolidation.get("measure").get("added").get("measure.fact_process").asLong())
            .as("a second measure run over the same log adds no fact")
            .isZero();
        assertThat(MeasureChecks.assertTheStarSchemaHoldsEveryEndedRun(catalog, bootstrap))
            .isEqualTo(facts);
        Map<String, List<String>> after =
            QueryLayerChecks.assertBothEnginesAgree(
                settings, catalog, trino, work.resolve("after"));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach(
            (query, rows) ->
                assertThat(after.get(query))
                    .as("%s after the consolidation", query)
                    .isEqualTo(rows));
        assertThat(before.get("mart_daily_orders")).as("daily orders").isNotEmpty();
      }
      // and no log the tests wrote (this JVM's output, the child apps' logs, the stack's) holds one
      assertThat(
              finder.findInFiles(
                  List.of(
                      Path.of("target", "failsafe-reports"),
                      Path.of("target", "crash-it-logs"),
                      stack.config().logDir())))
          .as("log lines with a clear personal value")
          .isEmpty();
    }
  }
}
