package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.settings.ContractSettings;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset the project does not ship, added with nothing but a contract file ({@code
 * contracts/shop/delivery.yaml} in a directory named by {@code contracts.directory}) and a sample
 * file: the ingestor picks its file up, the app creates its topic and its raw table as the contract
 * lays it out, types its records, and every line lands once, as a row or as a dead letter with the
 * reason its contract gives.
 */
@WithLocalStack
class ContractOnlyDatasetIT {
  private static final Path RESOURCES = Path.of("src", "test", "resources", "fifth-dataset");
  private static final int GOOD_LINES = 40;

  @Test
  void aDatasetDeclaredOnlyByItsContractFileLandsInItsRawTableOnce(
      LocalStack stack, @TempDir Path work) throws Exception {
    Path contracts = copy(RESOURCES.resolve("contracts"), work.resolve("contracts"));
    Path landing = copy(RESOURCES.resolve("landing"), work.resolve("landing"));
    LakehouseSettings settings =
        stack.settings().withDatasets(ContractSettings.withDirectory(contracts));
    assertThat(settings.datasets().contracts().find("shop", "delivery")).isPresent();
    String appId = "it-contract-only-" + UUID.randomUUID().toString().substring(0, 8);
    Catalog catalog = LakehouseCatalogs.open(settings);
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", settings.kafka().bootstrapServers()))) {
      FreshStart.prepare(settings, admin, catalog, appId);
    }
    String uriPrefix = landing.toUri().toString();
    StreamsSettings fast =
        StreamsSettings.defaults(work.resolve("state"))
            .withApplicationId(appId)
            .withCommitInterval(Duration.ofSeconds(1))
            .withHttpPort(0);
    TableIdentifier id = TableIdentifier.of("raw", "delivery");
    try (StreamsApp app = StreamsApp.start(settings, fast, stack.trustedSettings())) {
      new FileIngestRun(
              new IngestOptions(
                      landing.toString(),
                      "it-contract-only-" + UUID.randomUUID(),
                      false,
                      Duration.ofSeconds(1),
                      3,
                      5_000,
                      500)
                  .withSettle(Duration.ZERO),
              settings)
          .run(new PrintStream(new ByteArrayOutputStream()), false);
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (rows(catalog.loadTable(id), uriPrefix).size() < GOOD_LINES
          || deadLetters(catalog, uriPrefix).values().stream().mapToLong(Long::longValue).sum()
              < 8) {
        assertThat(app.fatalError()).isNull();
        assertThat(System.nanoTime())
            .as("raw.delivery and its dead letters incomplete")
            .isLessThan(deadline);
        Thread.sleep(1_000);
      }
      Thread.sleep(3_000); // a few more commit intervals: nothing may arrive twice
      assertThat(app.fatalError()).isNull();
    }

    Table table = catalog.loadTable(id);
    assertThat(table.spec().fields())
        .singleElement()
        .satisfies(f -> assertThat(f.transform().toString()).isEqualTo("day"));
    assertThat(table.sortOrder().fields())
        .extracting(f -> table.schema().findColumnName(f.sourceId()))
        .containsExactly("vehicle", "delivered_at");
    assertThat(table.schema().findType("parcel_grams")).isEqualTo(Types.LongType.get());
    assertThat(table.schema().findType("fee")).isEqualTo(Types.DecimalType.of(10, 2));
    assertThat(table.schema().findField("delivered_at").isRequired()).isTrue();
    assertThat(table.schema().findField("delivery_id").isRequired()).isTrue();
    assertThat(table.properties())
        .containsEntry("write.parquet.dict-encoding-enabled.column.delivery_id", "false");

    Map<String, Record> byId = rows(table, uriPrefix);
    assertThat(byId).hasSize(GOOD_LINES);
    Record first = byId.get("d-001");
    assertThat(first.getField("vehicle")).isEqualTo("CAR");
    assertThat(first.getField("stops")).isEqualTo(2);
    assertThat(first.getField("parcel_grams")).isEqualTo(5_000_000_001L);
    assertThat(first.getField("distance_km")).isEqualTo(0.87);
    assertThat(first.getField("fee")).isEqualTo(new BigDecimal("1.25"));
    assertThat(first.getField("express")).isEqualTo(false);
    assertThat(first.getField("delivered_at"))
        .isEqualTo(OffsetDateTime.of(2026, 12, 2, 9, 1, 0, 0, ZoneOffset.UTC));
    assertThat(first.getField(RawTables.SOURCE_TOPIC)).isEqualTo("src.shop.delivery");

    Map<String, Long> expected =
        new TreeMap<>(
            Map.of(
                "raw/invalid-value",
                2L,
                "raw/invalid-number",
                2L,
                "raw/missing-field",
                1L,
                "raw/invalid-boolean",
                1L,
                "ingest/malformed-json",
                1L,
                "ingest/missing-key",
                1L));
    assertThat(deadLetters(catalog, uriPrefix)).isEqualTo(expected);
    assertThat(Files.readAllLines(landing.resolve("delivery.json"))).hasSize(GOOD_LINES + 8);
  }

  /** The table's rows from this test's file, by delivery id; a source line twice fails. */
  private static Map<String, Record> rows(Table table, String uriPrefix) throws Exception {
    table.refresh();
    Map<String, Record> byId = new HashMap<>();
    Set<Long> lines = new HashSet<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(table)
            .where(Expressions.startsWith(RawTables.SOURCE_URI, uriPrefix))
            .build()) {
      for (Record r : read) {
        assertThat(lines.add((Long) r.getField(RawTables.SOURCE_LINE)))
            .as("line %s twice", r.getField(RawTables.SOURCE_LINE))
            .isTrue();
        byId.put((String) r.getField("delivery_id"), r.copy());
      }
    }
    return byId;
  }

  /** This test's dead letters by stage/reason, each source line once; each names the dataset. */
  private static Map<String, Long> deadLetters(Catalog catalog, String uriPrefix) throws Exception {
    Map<String, Long> byReason = new TreeMap<>();
    Set<String> lines = new HashSet<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(catalog.loadTable(DeadLetterTable.IDENTIFIER))
            .where(Expressions.startsWith(DeadLetterTable.SOURCE_URI, uriPrefix))
            .build()) {
      for (Record r : read) {
        assertThat(
                lines.add(
                    r.getField(DeadLetterTable.SOURCE_URI)
                        + ":"
                        + r.getField(DeadLetterTable.SOURCE_LINE)))
            .isTrue();
        assertThat(r.getField(DeadLetterTable.DATASET)).isEqualTo("delivery");
        assertThat(r.getField(DeadLetterTable.PAYLOAD)).isNotNull();
        byReason.merge(
            r.getField(DeadLetterTable.STAGE) + "/" + r.getField(DeadLetterTable.REASON),
            1L,
            Long::sum);
      }
    }
    return byReason;
  }

  private static Path copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }
}
