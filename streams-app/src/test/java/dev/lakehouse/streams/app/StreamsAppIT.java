package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.generate.BadLineKind;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.testing.TopicReader;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate → ingest → Streams → raw tables: exactly the good records, typed, with lineage, each
 * once; every bad line once in raw.dead_letters with its reason, coordinates and bytes; metrics and
 * probes served.
 */
@WithLocalStack
class StreamsAppIT {

  @Test
  void theRawTablesHoldExactlyTheGoodRecordsOnce(LocalStack stack, @TempDir Path work)
      throws Exception {
    String appId = "it-streams-app-" + UUID.randomUUID().toString().substring(0, 8);
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      FreshStart.prepare(stack, admin, LakehouseCatalogs.open(stack.settings()), appId);
    }
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(11, 1_500, 0.02))
            .generate(new DirectorySink(landing));
    new FileIngestRun(
            new IngestOptions(
                landing.toString(),
                "it-raw-" + UUID.randomUUID(),
                false,
                Duration.ofSeconds(1),
                3,
                5_000,
                500),
            stack.settings())
        .run(new PrintStream(new ByteArrayOutputStream()), false);

    Map<Dataset, Long> expected = new TreeMap<>();
    for (FileManifest file : manifest.files()) {
      Dataset dataset = Dataset.valueOf(file.dataset());
      expected.merge(dataset, file.expectedRawRows(), Long::sum);
    }
    String uriPrefix = landing.toUri().toString();
    Map<String, Long> expectedDeadLetters = new TreeMap<>();
    for (FileManifest file : manifest.files()) {
      file.expectedDeadLetters()
          .forEach(
              (reason, count) -> expectedDeadLetters.merge("ingest/" + reason, count, Long::sum));
    }
    StreamsSettings fast =
        StreamsSettings.defaults(work.resolve("state"))
            .withApplicationId(appId)
            .withCommitInterval(Duration.ofSeconds(1))
            .withHttpPort(0);
    try (StreamsApp app = StreamsApp.start(stack.settings(), fast, stack.trustedSettings())) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!countsReached(stack, expected, uriPrefix)) {
        assertThat(System.nanoTime())
            .as("raw tables did not reach %s; app %s", expected, app.streamsState())
            .isLessThan(deadline);
        Thread.sleep(1_000);
      }
      Thread.sleep(3_000); // a few more commit intervals: nothing may arrive twice
      for (Dataset dataset : Dataset.values()) {
        assertThat(app.metrics().refusedBatches("raw." + dataset.datasetName())).isZero();
      }
      assertThat(get(app.httpPort(), "/health/live")).startsWith("200 ok");
      assertThat(get(app.httpPort(), "/health/ready")).startsWith("200 ok");
      String metrics = get(app.httpPort(), "/metrics");
      assertThat(metrics)
          .contains(
              "lakehouse_writer_rows_committed_total{app=\"" + appId + "\",table=\"raw.order\"}")
          .contains(
              "lakehouse_freshness_seconds{app=\""
                  + appId
                  + "\",table=\"raw.order\",quantile=\"0.99\"}")
          .containsPattern(
              "lakehouse_dead_letters_total\\{app=\""
                  + appId
                  + "\",reason=\"[a-z-]+\",stage=\"raw\"\\} [1-9]")
          .contains("kafka_consumer_fetch_manager_records_lag_max")
          .contains(
              "lakehouse_trusted_quality{app=\""
                  + appId
                  + "\",metric=\"orders_missing_consumer\"}");
    }
    for (Dataset dataset : Dataset.values()) {
      Set<String> coordinates = new HashSet<>();
      long rows = 0;
      Table table =
          LakehouseCatalogs.open(stack.settings())
              .loadTable(RawTableCatalog.identifier(dataset.contract()));
      try (CloseableIterable<Record> read =
          IcebergGenerics.read(table)
              .where(Expressions.startsWith(RawTables.SOURCE_URI, uriPrefix))
              .build()) {
        for (Record r : read) {
          rows++;
          assertThat(
                  coordinates.add(
                      r.getField(RawTables.SOURCE_TOPIC)
                          + "/"
                          + r.getField(RawTables.SOURCE_PARTITION)
                          + "/"
                          + r.getField(RawTables.SOURCE_OFFSET)))
              .as("%s: a source record twice", dataset)
              .isTrue();
          assertThat(r.getField(RawTables.SOURCE_LINE)).isNotNull();
          assertThat(r.getField(dataset.keyField())).isNotNull();
        }
      }
      assertThat(rows).as("%s rows", dataset).isEqualTo(expected.get(dataset));
    }
    long wrongTypes =
        manifest.files().stream()
            .mapToLong(f -> f.badLines().getOrDefault(BadLineKind.WRONG_TYPES, 0L))
            .sum();
    assertThat(wrongTypes).isPositive();
    assertThat(deadLetters(stack, uriPrefix))
        .as("every wrong-typed record is a raw dead letter, once")
        .isEqualTo(wrongTypes);

    // the dead-letter table: every bad line of both stages once, with reason, coordinates and bytes
    Map<String, Long> landed = new TreeMap<>();
    Set<String> lines = new HashSet<>();
    Table table = LakehouseCatalogs.open(stack.settings()).loadTable(DeadLetterTable.IDENTIFIER);
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(table)
            .where(Expressions.startsWith(DeadLetterTable.SOURCE_URI, uriPrefix))
            .build()) {
      for (Record r : read) {
        String stage = (String) r.getField(DeadLetterTable.STAGE);
        landed.merge(
            stage.equals("raw") ? "raw" : stage + "/" + r.getField(DeadLetterTable.REASON),
            1L,
            Long::sum);
        assertThat(
                lines.add(
                    r.getField(DeadLetterTable.SOURCE_URI)
                        + ":"
                        + r.getField(DeadLetterTable.SOURCE_LINE)))
            .as("a bad line twice in the dead letters")
            .isTrue();
        assertThat((java.nio.ByteBuffer) r.getField(DeadLetterTable.PAYLOAD)).isNotNull();
        assertThat(r.getField(DeadLetterTable.DATASET)).isNotNull();
        if (stage.equals("raw")) {
          assertThat(r.getField(DeadLetterTable.SOURCE_TOPIC)).asString().startsWith("src.food.");
          assertThat(r.getField(DeadLetterTable.SOURCE_OFFSET)).isNotNull();
        }
      }
    }
    expectedDeadLetters.put("raw", wrongTypes);
    assertThat(landed).isEqualTo(expectedDeadLetters);
  }

  private static String get(int port, String path) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static long deadLetters(LocalStack stack, String uriPrefix) {
    Set<String> seen = new HashSet<>();
    long count = 0;
    for (var r :
        TopicReader.readCommitted(
            stack.settings().kafka().bootstrapServers(), java.util.List.of(Topics.DLQ_RAW))) {
      String uri =
          new String(
              r.headers().lastHeader("lakehouse.source.uri").value(),
              java.nio.charset.StandardCharsets.UTF_8);
      String line =
          new String(
              r.headers().lastHeader("lakehouse.source.line").value(),
              java.nio.charset.StandardCharsets.UTF_8);
      if (uri.startsWith(uriPrefix)) {
        assertThat(seen.add(uri + ":" + line)).as("dead letter %s:%s once", uri, line).isTrue();
        count++;
      }
    }
    return count;
  }

  private static boolean countsReached(
      LocalStack stack, Map<Dataset, Long> expected, String uriPrefix) throws Exception {
    for (Map.Entry<Dataset, Long> entry : expected.entrySet()) {
      Table table =
          LakehouseCatalogs.open(stack.settings())
              .loadTable(RawTableCatalog.identifier(entry.getKey().contract()));
      long rows = 0;
      try (CloseableIterable<Record> read =
          IcebergGenerics.read(table)
              .where(Expressions.startsWith(RawTables.SOURCE_URI, uriPrefix))
              .select(RawTables.SOURCE_OFFSET)
              .build()) {
        for (Record ignored : read) {
          rows++;
        }
      }
      if (rows < entry.getValue()) {
        return false;
      }
    }
    return true;
  }
}
