package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.testing.TopicReader;
import dev.lakehouse.testing.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each class of bad input amid good lines, through the real broker: every good record lands once in
 * its topic, each bad one is one dead letter with its reason, coordinates, length and hash, and no
 * dead letter's detail quotes the record.
 */
@WithLocalStack
class BadInputIngestIT {
  private static final String SECRET = "Segredo-42";
  private static final String CONSUMER_HEADER =
      "customer_id,language,created_at,active,customer_name,customer_phone_area,customer_phone_number";

  /**
   * A file's lines in order: each good (reason null) or bad with the reason the ingestor must give.
   */
  private record Line(String reason, byte[] bytes) {}

  @Test
  void everyGoodRecordLandsOnceAndEveryBadOneIsADeadLetterWithItsReason(
      LakehouseSettings settings, @TempDir Path dir) throws Exception {
    List<Line> json = new ArrayList<>();
    StringBuilder huge = new StringBuilder("{\"order_id\":\"huge\",\"note\":\"");
    while (huge.length() < 2_000_000) {
      huge.append(SECRET);
    }
    huge.append("\"}");
    StringBuilder large = new StringBuilder("{\"order_id\":\"large-but-fine\",\"note\":\"");
    while (large.length() < 700_000) {
      large.append("x");
    }
    large.append("\"}");
    int good = 0;
    for (Line bad :
        List.of(
            bad("record-too-large", huge.toString()),
            bad("nul-byte", "{\"order_id\":\"n\",\"v\":\"" + SECRET + "\0\"}"),
            new Line(
                "invalid-utf8",
                concat(
                    utf8("{\"order_id\":\"u\",\"v\":\"" + SECRET),
                    new byte[] {(byte) 0xC3, 0x28},
                    utf8("\"}"))),
            bad("malformed-json", "{\"order_id\":\"m\",\"v\":" + SECRET + "}"),
            bad("not-an-object", "[\"" + SECRET + "\"]"),
            bad("duplicate-field", "{\"order_id\":\"d\",\"v\":\"" + SECRET + "\",\"v\":1}"),
            bad(
                "too-deeply-nested",
                "{\"order_id\":\"t\",\"v\":"
                    + "[".repeat(100)
                    + "\""
                    + SECRET
                    + "\""
                    + "]".repeat(100)
                    + "}"),
            bad("key-too-long", "{\"order_id\":\"" + SECRET.repeat(200) + "\"}"),
            bad("missing-key", "{\"v\":\"" + SECRET + "\"}"))) {
      json.add(good(status("g-" + good++)));
      json.add(bad);
    }
    json.add(good(large.toString()));
    json.add(good(status("g-last-without-line-end")));
    Files.write(dir.resolve("status-bad.json"), join(json, false));

    List<Line> csv = new ArrayList<>();
    csv.add(new Line("header", utf8(CONSUMER_HEADER)));
    int c = 0;
    for (Line bad :
        List.of(
            bad("repeated-header", CONSUMER_HEADER),
            bad("wrong-column-count", consumer("c-w", SECRET) + ",extra"),
            // a quote closed on the next line into 8 cells: both lines one dead letter, the second
            // (7 cells alone) not published
            bad(
                "wrong-column-count",
                consumer("c-f", "extra,\"two " + SECRET) + "\n" + consumer("c-frag", "x\"")),
            bad("malformed-csv", consumer("c-m", "\"" + SECRET + "\"x")),
            bad("nul-byte", consumer("c-n", SECRET + "\0")),
            bad("missing-key", consumer("", SECRET)),
            bad("key-too-long", consumer(SECRET.repeat(200), "x")))) {
      csv.add(good(consumer("c-" + c++, "Name \"quoted\" " + c)));
      csv.add(bad);
    }
    csv.add(good(consumer("c-multi", "\"two\nlines\"")));
    // a quote still open at the end of the file costs its line; one closed by a later quote makes
    // the lines one dead letter
    csv.add(bad("unterminated-quote", consumer("c-q", "\"Maria " + SECRET)));
    csv.add(good(consumer("c-last", "last")));
    Files.write(dir.resolve("consumer-bad.csv"), join(csv, true));

    IngestOptions options =
        new IngestOptions(
                dir.toString(),
                "it-badinput-" + UUID.randomUUID(),
                false,
                Duration.ofSeconds(1),
                3,
                5,
                500)
            .withSettle(Duration.ZERO);
    IngestSummary summary =
        new FileIngestRun(options, settings)
            .run(new PrintStream(new ByteArrayOutputStream()), false);
    assertThat(summary.files())
        .extracting(FileResult::outcome)
        .containsOnly(FileResult.Outcome.INGESTED);
    assertThat(summary.exitCode()).isZero();

    String jsonUri = dir.resolve("status-bad.json").toUri().toString();
    String csvUri = dir.resolve("consumer-bad.csv").toUri().toString();
    List<ConsumerRecord<byte[], byte[]>> seen =
        TopicReader.readCommitted(
            settings.kafka().bootstrapServers(),
            List.of(Dataset.ORDER_STATUS.topic(), Dataset.CONSUMER.topic(), Topics.DLQ_INGEST));
    assertFile(seen, jsonUri, Dataset.ORDER_STATUS.topic(), expected(json, false));
    assertFile(seen, csvUri, Dataset.CONSUMER.topic(), expected(csv, true));
    assertThat(summary.published())
        .isEqualTo(
            json.stream().filter(l -> l.reason() == null).count()
                + csv.stream().filter(l -> l.reason() == null).count());

    ConsumerRecord<byte[], byte[]> tooLarge =
        seen.stream()
            .filter(
                r ->
                    jsonUri.equals(header(r, PipelineHeaders.SOURCE_URI))
                        && "record-too-large".equals(header(r, PipelineHeaders.DLQ_REASON)))
            .findFirst()
            .orElseThrow();
    byte[] hugeBytes = utf8(huge.toString());
    assertThat(tooLarge.value()).hasSize(64 * 1024);
    assertThat(header(tooLarge, PipelineHeaders.DLQ_ORIGINAL_LENGTH))
        .isEqualTo(Integer.toString(hugeBytes.length));
    assertThat(header(tooLarge, PipelineHeaders.DLQ_ORIGINAL_SHA256))
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(hugeBytes)));
    assertThat(header(tooLarge, PipelineHeaders.DLQ_ORIGINAL_OFFSET))
        .isEqualTo(Integer.toString(status("g-0").length() + 1));
  }

  /** Line number to expected reason (null: a good record) of the records of a file. */
  private static Map<Long, String> expected(List<Line> lines, boolean csv) {
    Map<Long, String> expected = new LinkedHashMap<>();
    long number = 1;
    for (Line line : lines) {
      if (!"header".equals(line.reason())) {
        expected.put(number, line.reason());
      }
      for (byte b : line.bytes()) {
        if (b == '\n') {
          number++;
        }
      }
      number++;
    }
    return expected;
  }

  private static void assertFile(
      List<ConsumerRecord<byte[], byte[]>> seen,
      String uri,
      String topic,
      Map<Long, String> expected) {
    Map<Long, String> actual = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : seen) {
      if (!uri.equals(header(r, PipelineHeaders.SOURCE_URI))) {
        continue;
      }
      long line = Long.parseLong(header(r, PipelineHeaders.SOURCE_LINE));
      String reason = r.topic().equals(topic) ? null : header(r, PipelineHeaders.DLQ_REASON);
      assertThat(actual.containsKey(line)).as("line %d of %s lands once", line, uri).isFalse();
      actual.put(line, reason);
      if (reason != null) {
        assertThat(header(r, PipelineHeaders.DLQ_DETAIL))
            .as("detail of line %d", line)
            .doesNotContain(SECRET)
            .doesNotContain("Segredo");
        assertThat(header(r, PipelineHeaders.DLQ_ORIGINAL_OFFSET)).isNotNull();
        assertThat(header(r, PipelineHeaders.DLQ_ORIGINAL_SHA256)).hasSize(64);
        assertThat(Long.parseLong(header(r, PipelineHeaders.DLQ_ORIGINAL_LENGTH)))
            .isGreaterThanOrEqualTo(r.value().length);
      }
    }
    assertThat(new java.util.TreeMap<>(actual)).isEqualTo(new java.util.TreeMap<>(expected));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Line good(String text) {
    return new Line(null, utf8(text));
  }

  private static Line bad(String reason, String text) {
    return new Line(reason, utf8(text));
  }

  private static byte[] join(List<Line> lines, boolean crlf) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      out.writeBytes(lines.get(i).bytes());
      if (i < lines.size() - 1) {
        out.writeBytes(crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      }
    }
    return out.toByteArray(); // the last line has no line end
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String status(String id) {
    return "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\""
        + id
        + "\",\"status_id\":\"s-"
        + id
        + "\",\"value\":\"PLACED\"}";
  }

  private static String consumer(String id, String name) {
    return id + ",pt-br,2018-04-05T14:49:18.165Z,true," + name + ",16,123456789";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
