package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import dev.lakehouse.streams.trusted.TrustedTables;
import dev.lakehouse.testing.WithLocalStack;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
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
 * Hostile records amid good ones, end to end (files → ingest → Streams app → raw, trusted and
 * dead-letter tables): every class that used to stop a stage, crash-loop it or cost it minutes of
 * CPU (numbers beyond a double, a decimal's precision or an int, huge exponents, timestamps beyond
 * what a column holds, the same inside an order's items). Afterwards the app is still live, every
 * good record is in its raw table once (the good lines after the hostile ones too: the tables kept
 * committing), each hostile record is a dead letter once with its reason, and the orders whose
 * items are hostile are in trusted.order, their items dead-lettered by the trusted stage.
 */
@WithLocalStack
class HostileInputIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLACEHOLDER = "__hostile__";

  /**
   * One hostile copy of a good record: which field gets which value, and the dead letter it must
   * give.
   */
  private record Hostile(
      Dataset dataset, String field, String value, boolean asNumber, String stage, String reason) {}

  private static final List<Hostile> HOSTILE =
      List.of(
          new Hostile(Dataset.ORDER, "order_total_amount", "1e400", true, "raw", "invalid-number"),
          new Hostile(
              Dataset.ORDER, "order_total_amount", "1e999999999", true, "raw", "invalid-number"),
          new Hostile(
              Dataset.ORDER, "order_total_amount", "-1e-999999999", false, "raw", "invalid-number"),
          new Hostile(
              Dataset.ORDER,
              "order_total_amount",
              "99999999999999999",
              true,
              "raw",
              "invalid-number"),
          new Hostile(
              Dataset.ORDER, "delivery_address_latitude", "1e400", true, "raw", "invalid-number"),
          new Hostile(
              Dataset.ORDER,
              "merchant_longitude",
              "-9.9e2147483647",
              false,
              "raw",
              "invalid-number"),
          new Hostile(
              Dataset.ORDER,
              "order_created_at",
              "+294247-01-10T04:00:54.775807Z",
              false,
              "raw",
              "invalid-timestamp"),
          new Hostile(
              Dataset.ORDER,
              "order_created_at",
              "+999999999-12-31T23:59:59Z",
              false,
              "raw",
              "invalid-timestamp"),
          new Hostile(
              Dataset.ORDER_STATUS,
              "created_at",
              "-999999999-01-01T00:00:00Z",
              false,
              "raw",
              "invalid-timestamp"),
          new Hostile(
              Dataset.ORDER, "items.unitPrice", "1e999999999", false, "trusted", "invalid-items"),
          new Hostile(
              Dataset.ORDER,
              "items.unitPrice",
              "99999999999999999999",
              false,
              "trusted",
              "invalid-items"),
          new Hostile(
              Dataset.ORDER, "items.quantity", "1e999999999", true, "trusted", "invalid-items"),
          new Hostile(Dataset.ORDER, "items.quantity", "1e400", true, "trusted", "invalid-items"),
          new Hostile(
              Dataset.ORDER, "items.sequence", "1e999999999", true, "trusted", "invalid-items"),
          new Hostile(
              Dataset.RESTAURANT, "price_range", "1e999999999", false, "raw", "invalid-number"),
          new Hostile(
              Dataset.RESTAURANT, "average_ticket", "1e400", false, "raw", "invalid-number"),
          new Hostile(
              Dataset.RESTAURANT, "delivery_time", "-2147483649", false, "raw", "invalid-number"),
          new Hostile(
              Dataset.CONSUMER,
              "created_at",
              "99999-01-01T00:00:00Z",
              false,
              "raw",
              "invalid-timestamp"));

  @Test
  void hostileRecordsBecomeDeadLettersAndEveryGoodRecordLandsOnce(
      LocalStack stack, @TempDir Path work) throws Exception {
    String appId = "it-hostile-" + UUID.randomUUID().toString().substring(0, 8);
    Catalog catalog = LakehouseCatalogs.open(stack.settings());
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      FreshStart.prepare(stack, admin, catalog, appId);
    }
    Path landing = work.resolve("landing");
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(23, 400, 0.0))
            .generate(new DirectorySink(landing));
    Map<Dataset, Long> expectedRows = new TreeMap<>();
    for (FileManifest file : manifest.files()) {
      expectedRows.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
    }
    // each hostile record between two good ones, in files of their own, each dataset's good lines
    // again after it
    Map<String, Long> expectedDeadLetters = new TreeMap<>();
    Set<String> hostileItemOrders = new HashSet<>();
    Path hostileDir = Files.createDirectories(landing.resolve("hostile"));
    writeJsonLines(
        landing.resolve("order.json.gz"),
        hostileDir.resolve("order-hostile.json"),
        Dataset.ORDER,
        expectedRows,
        expectedDeadLetters,
        hostileItemOrders);
    writeJsonLines(
        landing.resolve("status.json.gz"),
        hostileDir.resolve("status-hostile.json"),
        Dataset.ORDER_STATUS,
        expectedRows,
        expectedDeadLetters,
        hostileItemOrders);
    writeCsv(
        landing.resolve("restaurant.csv.gz"),
        hostileDir.resolve("restaurant-hostile.csv"),
        Dataset.RESTAURANT,
        expectedRows,
        expectedDeadLetters);
    writeCsv(
        landing.resolve("consumer.csv.gz"),
        hostileDir.resolve("consumer-hostile.csv"),
        Dataset.CONSUMER,
        expectedRows,
        expectedDeadLetters);
    assertThat(expectedDeadLetters.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(HOSTILE.size());

    new FileIngestRun(
            new IngestOptions(
                landing.toString(),
                "it-hostile-" + UUID.randomUUID(),
                false,
                Duration.ofSeconds(1),
                3,
                5_000,
                500),
            stack.settings())
        .run(new PrintStream(new ByteArrayOutputStream()), false);
    String uriPrefix = landing.toUri().toString();
    StreamsSettings settings =
        StreamsSettings.defaults(work.resolve("state"))
            .withApplicationId(appId)
            .withCommitInterval(Duration.ofSeconds(1))
            .withHttpPort(0);
    try (StreamsApp app = StreamsApp.start(stack.settings(), settings, stack.trustedSettings())) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!(rowsByTable(catalog, uriPrefix).equals(expectedRows)
          && deadLetters(catalog, uriPrefix).equals(expectedDeadLetters)
          && trustedOrders(catalog, hostileItemOrders) == hostileItemOrders.size())) {
        assertThat(app.fatalError()).as("the app stopped").isNull();
        assertThat(System.nanoTime())
            .as(
                "after 3 min: rows %s of %s, dead letters %s of %s; app %s",
                rowsByTable(catalog, uriPrefix),
                expectedRows,
                deadLetters(catalog, uriPrefix),
                expectedDeadLetters,
                app.streamsState())
            .isLessThan(deadline);
        Thread.sleep(1_000);
      }
      Thread.sleep(3_000); // a few more commit intervals: nothing may arrive twice
      assertThat(app.fatalError()).isNull();
      assertThat(app.streamsState()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
    }
    assertThat(rowsByTable(catalog, uriPrefix)).as("good rows, each once").isEqualTo(expectedRows);
    assertThat(deadLetters(catalog, uriPrefix))
        .as("dead letters by stage/reason, each once")
        .isEqualTo(expectedDeadLetters);
    System.out.printf(
        "HostileInputIT: %d hostile records (%s) amid %d good ones: 0 exceptions, app live%n",
        HOSTILE.size(),
        expectedDeadLetters,
        expectedRows.values().stream().mapToLong(Long::longValue).sum());
  }

  // ---- the files

  private static void writeJsonLines(
      Path generated,
      Path target,
      Dataset dataset,
      Map<Dataset, Long> expectedRows,
      Map<String, Long> expectedDeadLetters,
      Set<String> hostileItemOrders)
      throws IOException {
    List<String> good = firstLines(generated, 20);
    List<String> out = new ArrayList<>();
    int next = 0;
    for (Hostile hostile : HOSTILE) {
      if (hostile.dataset() != dataset) {
        continue;
      }
      out.add(good.get(next++ % good.size()));
      ObjectNode record = (ObjectNode) JSON.readTree(good.get(next % good.size()));
      String key = dataset.keyField();
      String orderId = "hostile-" + UUID.randomUUID();
      record.put(key, orderId);
      String literal =
          hostile.asNumber() ? hostile.value() : JSON.writeValueAsString(hostile.value());
      String line;
      if (hostile.field().startsWith("items.")) {
        String itemField = hostile.field().substring("items.".length());
        ArrayNode items = (ArrayNode) JSON.readTree(record.get("items").asText());
        assertThat(items).as("a generated order with items").isNotEmpty();
        ObjectNode item = (ObjectNode) items.get(0);
        if (itemField.equals("unitPrice")) {
          ((ObjectNode) item.get("unitPrice")).put("value", PLACEHOLDER);
        } else {
          item.put(itemField, PLACEHOLDER);
        }
        record.put("items", placed(JSON.writeValueAsString(items), literal));
        line = JSON.writeValueAsString(record);
        hostileItemOrders.add(orderId);
        expectedRows.merge(
            dataset, 1L, Long::sum); // the order itself is good: only its items are dead letters
      } else {
        record.put(hostile.field(), PLACEHOLDER);
        line = placed(JSON.writeValueAsString(record), literal);
      }
      out.add(line);
      expectedDeadLetters.merge(hostile.stage() + "/" + hostile.reason(), 1L, Long::sum);
      out.add(good.get(++next % good.size()));
    }
    // the good lines were published once already from the generated file: their copies here land
    // again, as new records
    expectedRows.merge(dataset, out.size() - hostileCount(dataset), Long::sum);
    Files.write(target, out, StandardCharsets.UTF_8);
  }

  private static void writeCsv(
      Path generated,
      Path target,
      Dataset dataset,
      Map<Dataset, Long> expectedRows,
      Map<String, Long> expectedDeadLetters)
      throws IOException {
    List<String> lines = firstLines(generated, 400);
    String header = lines.get(0);
    List<String> columns = List.of(header.replace("\uFEFF", "").split(",", -1));
    List<String> good =
        lines.subList(1, lines.size()).stream()
            .filter(l -> !l.contains("\"") && l.split(",", -1).length == columns.size())
            .limit(20)
            .toList();
    assertThat(good).as("plain CSV lines of %s", dataset).hasSizeGreaterThan(3);
    List<String> out = new ArrayList<>(List.of(header));
    int next = 0;
    for (Hostile hostile : HOSTILE) {
      if (hostile.dataset() != dataset) {
        continue;
      }
      out.add(good.get(next++ % good.size()));
      String[] cells = good.get(next % good.size()).split(",", -1);
      cells[columns.indexOf(dataset.keyField())] = "hostile-" + UUID.randomUUID();
      cells[columns.indexOf(hostile.field())] = hostile.value();
      out.add(String.join(",", cells));
      expectedDeadLetters.merge(hostile.stage() + "/" + hostile.reason(), 1L, Long::sum);
      out.add(good.get(++next % good.size()));
    }
    expectedRows.merge(dataset, out.size() - 1 - hostileCount(dataset), Long::sum);
    Files.write(target, out, StandardCharsets.UTF_8);
  }

  private static long hostileCount(Dataset dataset) {
    return HOSTILE.stream().filter(h -> h.dataset() == dataset).count();
  }

  /**
   * The JSON text with its placeholder string replaced by a literal, so a number keeps the form the
   * source wrote.
   */
  private static String placed(String json, String literal) {
    String quoted = "\"" + PLACEHOLDER + "\"";
    assertThat(json).contains(quoted);
    return json.replace(quoted, literal);
  }

  private static List<String> firstLines(Path gzip, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzip)), StandardCharsets.UTF_8))) {
      String line;
      while (lines.size() < count && (line = in.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  // ---- the tables

  private static Map<Dataset, Long> rowsByTable(Catalog catalog, String uriPrefix)
      throws IOException {
    Map<Dataset, Long> rows = new TreeMap<>();
    for (Dataset dataset : Dataset.values()) {
      Set<String> coordinates = new HashSet<>();
      long[] count = {0};
      scan(
          catalog,
          RawTableCatalog.identifier(dataset.contract()),
          RawTables.SOURCE_URI,
          uriPrefix,
          r -> {
            count[0]++;
            assertThat(
                    coordinates.add(
                        r.getField(RawTables.SOURCE_TOPIC)
                            + "/"
                            + r.getField(RawTables.SOURCE_PARTITION)
                            + "/"
                            + r.getField(RawTables.SOURCE_OFFSET)))
                .as("%s: a source record twice", dataset)
                .isTrue();
          });
      rows.put(dataset, count[0]);
    }
    return rows;
  }

  private static Map<String, Long> deadLetters(Catalog catalog, String uriPrefix)
      throws IOException {
    Map<String, Long> byReason = new TreeMap<>();
    scan(
        catalog,
        DeadLetterTable.IDENTIFIER,
        DeadLetterTable.SOURCE_URI,
        uriPrefix,
        r -> {
          byReason.merge(
              r.getField(DeadLetterTable.STAGE) + "/" + r.getField(DeadLetterTable.REASON),
              1L,
              Long::sum);
          assertThat(r.getField(DeadLetterTable.PAYLOAD)).as("a dead letter's bytes").isNotNull();
          assertThat(r.getField(DeadLetterTable.SOURCE_LINE))
              .as("a dead letter's line")
              .isNotNull();
        });
    return byReason;
  }

  private static long trustedOrders(Catalog catalog, Set<String> orderIds) throws IOException {
    Set<String> found = new HashSet<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(catalog.loadTable(TrustedTables.ORDER))
            .where(Expressions.in("order_id", orderIds.toArray()))
            .select("order_id")
            .build()) {
      read.forEach(r -> found.add((String) r.getField("order_id")));
    }
    return found.size();
  }

  private static void scan(
      Catalog catalog,
      TableIdentifier id,
      String uriColumn,
      String uriPrefix,
      Consumer<Record> each)
      throws IOException {
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(catalog.loadTable(id))
            .where(Expressions.startsWith(uriColumn, uriPrefix))
            .build()) {
      read.forEach(each);
    }
  }
}
