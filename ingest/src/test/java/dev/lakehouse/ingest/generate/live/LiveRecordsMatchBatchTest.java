package dev.lakehouse.ingest.generate.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.ingest.generate.live.RecordingSink.Emitted;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live records look exactly like the batch generator's file records once ingested: with the same
 * seed, the restaurants and initial consumers are the files' rows, and order and status lines have
 * the file lines' shape.
 */
class LiveRecordsMatchBatchTest {
  private static final long SEED = 21;
  private static final LiveOptions OPTIONS = new LiveOptions(SEED, 2, 400, Duration.ofSeconds(20));
  private static final String STATUS_LINE =
      "\\{\"created_at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
          + "\"order_id\":\"[0-9a-f-]{36}\",\"status_id\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\","
          + "\"value\":\"(REGISTERED|PLACED|CONCLUDED|CANCELLED)\"}";

  private static RecordingSink live;
  private static Map<String, String> files;

  @BeforeAll
  static void generateBoth() throws Exception {
    FakeTime time = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));
    live = new RecordingSink(time);
    new LiveOrderStream(OPTIONS, time, time).run(live);
    // the batch files with as many restaurants and consumers: orders = 40 × restaurants
    Map<String, byte[]> gzipped = new ConcurrentHashMap<>();
    new FoodDeliveryGenerator(new GeneratorOptions(SEED, 40L * OPTIONS.restaurants(), 0))
        .generate(
            name ->
                new ByteArrayOutputStream() {
                  @Override
                  public void close() throws IOException {
                    super.close();
                    gzipped.put(name, toByteArray());
                  }
                });
    files = new HashMap<>();
    for (Map.Entry<String, byte[]> file : gzipped.entrySet()) {
      if (file.getKey().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file.getValue()))) {
          files.put(file.getKey(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
  }

  @Test
  void restaurantsAreTheBatchFilesRowsAsTheIngestorPublishesThem() {
    assertRowsMatch(Dataset.RESTAURANT, OPTIONS.restaurants());
  }

  @Test
  void initialConsumersAreTheBatchFilesRowsAsTheIngestorPublishesThem() {
    assertRowsMatch(Dataset.CONSUMER, OPTIONS.initialConsumers());
  }

  @Test
  void orderLinesHaveTheBatchLinesFieldTypes() throws IOException {
    assertSameFieldTypes(
        Dataset.ORDER, live.of(Dataset.ORDER), files.get(Dataset.ORDER.fileName()));
  }

  @Test
  void statusLinesHaveTheBatchLinesForm() throws IOException {
    List<String> batchLines = files.get(Dataset.ORDER_STATUS.fileName()).lines().toList();
    assertThat(batchLines).allMatch(line -> line.matches(STATUS_LINE));
    assertThat(live.of(Dataset.ORDER_STATUS))
        .allMatch(status -> status.text().matches(STATUS_LINE));
  }

  private static void assertRowsMatch(Dataset dataset, int rows) {
    List<List<String>> csv = parseCsv(files.get(dataset.fileName()));
    assertThat(csv.get(0)).isEqualTo(dataset.fieldNames());
    List<Emitted> records = live.of(dataset).subList(0, rows);
    assertThat(csv).hasSize(rows + 1);
    for (int i = 0; i < rows; i++) {
      ObjectNode expected = RecordingSink.JSON.createObjectNode();
      for (int c = 0; c < dataset.fieldNames().size(); c++) {
        expected.put(dataset.fieldNames().get(c), csv.get(i + 1).get(c));
      }
      assertThat(records.get(i).json()).isEqualTo(expected);
      assertThat(RecordingSink.fieldNames(records.get(i).json())).isEqualTo(dataset.fieldNames());
    }
  }

  private static void assertSameFieldTypes(Dataset dataset, List<Emitted> records, String batchFile)
      throws IOException {
    Map<String, Set<JsonNodeType>> batchTypes = new HashMap<>();
    for (String line : batchFile.lines().toList()) {
      JsonNode json = RecordingSink.JSON.readTree(line);
      json.properties()
          .forEach(
              f ->
                  batchTypes
                      .computeIfAbsent(f.getKey(), k -> EnumSet.noneOf(JsonNodeType.class))
                      .add(f.getValue().getNodeType()));
    }
    for (Emitted record : records) {
      record
          .json()
          .properties()
          .forEach(
              f ->
                  assertThat(batchTypes.get(f.getKey()))
                      .as(f.getKey())
                      .contains(f.getValue().getNodeType()));
    }
    assertThat(batchTypes.keySet()).containsExactlyInAnyOrderElementsOf(dataset.fieldNames());
  }

  /**
   * RFC 4180 as the file ingestor reads it: an empty unquoted cell is null, a quoted cell keeps its
   * text.
   */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',' || c == '\n') {
        row.add(cell.length() == 0 && !wasQuoted ? null : cell.toString());
        cell.setLength(0);
        wasQuoted = false;
        if (c == '\n') {
          rows.add(row);
          row = new ArrayList<>();
        }
      } else {
        cell.append(c);
      }
    }
    return rows;
  }
}
