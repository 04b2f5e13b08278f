package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.CatalogSettings;
import dev.lakehouse.common.settings.CatalogType;
import dev.lakehouse.common.settings.LakehouseSettings;
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
import dev.lakehouse.stack.rest.RestCatalogServer;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app with {@code catalog.type=rest}: it creates, evolves and commits its tables through an
 * Iceberg REST catalog (the local stack's REST server, backed by the stack's JDBC catalog), and the
 * rows land exactly once, as any other engine on the same catalog sees them.
 */
@WithLocalStack
class StreamsAppRestCatalogIT {

  @Test
  void theAppWritesItsTablesThroughARestCatalog(LocalStack stack, @TempDir Path work)
      throws Exception {
    Catalog jdbc = LakehouseCatalogs.open(stack.settings());
    try (RestCatalogServer server = RestCatalogServer.start(jdbc, "127.0.0.1", 0)) {
      LakehouseSettings jdbcSettings = stack.settings();
      LakehouseSettings restSettings =
          new LakehouseSettings(
              jdbcSettings.kafka(),
              jdbcSettings.s3(),
              new CatalogSettings(
                  jdbcSettings.catalog().name(),
                  CatalogType.REST,
                  Optional.of(server.uri()),
                  jdbcSettings.catalog().warehouse()));
      Catalog rest = LakehouseCatalogs.open(restSettings);
      assertThat(rest.getClass().getSimpleName()).isEqualTo("RESTCatalog");

      String appId = "it-rest-" + UUID.randomUUID().toString().substring(0, 8);
      try (Admin admin =
          Admin.create(Map.of("bootstrap.servers", jdbcSettings.kafka().bootstrapServers()))) {
        FreshStart.prepare(stack, admin, rest, appId);
      }
      Path landing = work.resolve("landing");
      GenerationManifest manifest =
          new FoodDeliveryGenerator(new GeneratorOptions(5, 300, 0.0))
              .generate(new DirectorySink(landing));
      Map<Dataset, Long> expected = new EnumMap<>(Dataset.class);
      for (FileManifest file : manifest.files()) {
        expected.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
      }
      new FileIngestRun(
              new IngestOptions(
                  landing.toString(),
                  "it-rest-" + UUID.randomUUID(),
                  false,
                  Duration.ofSeconds(1),
                  3,
                  5_000,
                  500),
              jdbcSettings)
          .run(new PrintStream(new ByteArrayOutputStream()), false);

      String uriPrefix = landing.toUri().toString();
      StreamsSettings fast =
          StreamsSettings.defaults(work.resolve("state"))
              .withApplicationId(appId)
              .withCommitInterval(Duration.ofSeconds(1))
              .withHttpPort(0);
      try (StreamsApp app = StreamsApp.start(restSettings, fast, stack.trustedSettings())) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!reached(rest, expected, uriPrefix)) {
          assertThat(app.fatalError()).isNull();
          assertThat(System.nanoTime())
              .as("rows did not land through the REST catalog")
              .isLessThan(deadline);
          Thread.sleep(1_000);
        }
      }
      // the JDBC catalog behind the server sees the same rows, committed by this app's writer
      assertThat(reached(jdbc, expected, uriPrefix)).isTrue();
      for (Dataset dataset : Dataset.values()) {
        assertThat(rows(jdbc, dataset, uriPrefix))
            .as("%s rows, each once", dataset)
            .isEqualTo(expected.get(dataset));
        Snapshot current =
            jdbc.loadTable(RawTableCatalog.identifier(dataset.contract())).currentSnapshot();
        assertThat(current.operation()).isEqualTo("append");
        assertThat(current.summary().get(TableCommitter.WRITER_KEY)).isNotNull();
      }
    }
  }

  private static boolean reached(Catalog catalog, Map<Dataset, Long> expected, String uriPrefix)
      throws Exception {
    for (Dataset dataset : Dataset.values()) {
      if (rows(catalog, dataset, uriPrefix) < expected.get(dataset)) {
        return false;
      }
    }
    return true;
  }

  private static long rows(Catalog catalog, Dataset dataset, String uriPrefix) throws Exception {
    Table table = catalog.loadTable(RawTableCatalog.identifier(dataset.contract()));
    long rows = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(table)
            .where(Expressions.startsWith(RawTables.SOURCE_URI, uriPrefix))
            .select(RawTables.SOURCE_TOPIC, RawTables.SOURCE_PARTITION, RawTables.SOURCE_OFFSET)
            .build()) {
      for (Record r : read) {
        assertThat(
                seen.add(
                    r.getField(RawTables.SOURCE_TOPIC)
                        + "/"
                        + r.getField(RawTables.SOURCE_PARTITION)
                        + "/"
                        + r.getField(RawTables.SOURCE_OFFSET)))
            .as("%s: a source record twice", dataset)
            .isTrue();
        rows++;
      }
    }
    return rows;
  }
}
