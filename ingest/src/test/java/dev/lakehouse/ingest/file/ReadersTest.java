package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.contract.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ReadersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<SourceRecord> readAll(byte[] bytes, Dataset dataset) throws IOException {
    RecordReader reader = RecordReaders.open(new ByteArrayInputStream(bytes), dataset.contract());
    List<SourceRecord> records = new ArrayList<>();
    SourceRecord r;
    while ((r = reader.next()) != null) {
      records.add(r);
    }
    return records;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static String reason(SourceRecord r) {
    return r instanceof SourceRecord.Bad bad ? bad.reason() : "good";
  }

  @Test
  void jsonLinesArePublishedByteForByteWithTheirKey() throws Exception {
    String line =
        "{\"order_id\":\"a-1\",\"items\":\"[{\\\"name\\\":\\\"Pizza\\\"}]\",\"order_total_amount\":46.0,\"cpf\":\"01234567890\"}";
    List<SourceRecord> records =
        readAll(utf8(line + "\r\n\n  \n" + line.replace("a-1", "a-2")), Dataset.ORDER);
    assertThat(records).hasSize(2);
    SourceRecord.Good first = (SourceRecord.Good) records.get(0);
    assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("a-1");
    assertThat(first.value()).isEqualTo(utf8(line));
    assertThat(first.line()).isEqualTo(1);
    assertThat(records.get(1).line()).as("blank lines are skipped but counted").isEqualTo(4);
  }

  @Test
  void gzipIsDetectedFromTheBytes() throws Exception {
    byte[] plain = utf8("{\"order_id\":\"x\"}\n{\"order_id\":\"y\"}\n");
    assertThat(readAll(gzip(plain), Dataset.ORDER_STATUS))
        .hasSize(2)
        .allMatch(r -> r instanceof SourceRecord.Good);
  }

  @Test
  void everyKindOfBadJsonLineIsCaughtWithItsOriginalBytes() throws Exception {
    byte[] invalidUtf8 = {
      '{', '"', 'o', 'r', 'd', 'e', 'r', '_', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'
    };
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (byte[] line :
        List.of(
            utf8("{\"order_id\":\"ok\"}"),
            utf8("{\"order_id\":\"cut"),
            utf8("[1,2,3]"),
            utf8("{\"order_id\":\"a\"} trailing"),
            invalidUtf8,
            utf8("{\"value\":\"PLACED\"}"),
            utf8("{\"order_id\":null}"),
            utf8("{\"order_id\":\"\"}"),
            utf8("{\"order_id\":12345}"))) {
      file.write(line);
      file.write('\n');
    }
    List<SourceRecord> records = readAll(file.toByteArray(), Dataset.ORDER_STATUS);
    assertThat(records.stream().map(ReadersTest::reason))
        .containsExactly(
            "good",
            "malformed-json",
            "not-an-object",
            "malformed-json",
            "invalid-utf8",
            "missing-key",
            "missing-key",
            "missing-key",
            "good");
    assertThat(((SourceRecord.Bad) records.get(4)).original()).isEqualTo(invalidUtf8);
    assertThat(((SourceRecord.Bad) records.get(5)).detail()).contains("absent");
    assertThat(records.get(8))
        .isInstanceOfSatisfying(
            SourceRecord.Good.class,
            g -> assertThat(new String(g.key(), StandardCharsets.UTF_8)).isEqualTo("12345"));
  }

  @Test
  void csvCellsBecomeJsonStringsAndEmptyCellsNull() throws Exception {
    String csv =
        "customer_id,language,created_at,active,customer_name,customer_phone_area,customer_phone_number\n"
            + "c-1,pt-br,2018-04-05T14:49:18.165Z,true,Maria,16,123456789\n"
            + "c-2,es-ar,2018-04-05T14:49:18.165Z,false,,16,\n"
            + "c-3,pt-br,2018-04-05T14:49:18.165Z,true,\"Silva, \"\"Zé\"\"\nsegunda linha\",11,987654321\n"
            + "c-4,pt-br,2018-04-05T14:49:18.165Z,true,Ana,16,1\n";
    List<SourceRecord> records = readAll(utf8(csv), Dataset.CONSUMER);
    assertThat(records).hasSize(4).allMatch(r -> r instanceof SourceRecord.Good);
    JsonNode first = JSON.readTree(((SourceRecord.Good) records.get(0)).value());
    assertThat(first.get("active").isTextual()).as("cells stay strings").isTrue();
    assertThat(first.get("customer_phone_area").asText()).isEqualTo("16");
    JsonNode second = JSON.readTree(((SourceRecord.Good) records.get(1)).value());
    assertThat(second.get("customer_name").isNull()).isTrue();
    assertThat(second.get("customer_phone_number").isNull()).isTrue();
    JsonNode third = JSON.readTree(((SourceRecord.Good) records.get(2)).value());
    assertThat(third.get("customer_name").asText()).isEqualTo("Silva, \"Zé\"\nsegunda linha");
    assertThat(records.get(2).line()).isEqualTo(4);
    assertThat(records.get(3).line()).as("the embedded newline counts as a line").isEqualTo(6);
    assertThat(Arrays.asList(first.fieldNames().next())).containsExactly("customer_id");
  }

  @Test
  void badCsvRecordsAreCaught() throws Exception {
    byte[] header = utf8("id,created_at,enabled\n");
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(header);
    file.write(utf8("r-1,2019-01-01,true\n"));
    file.write(utf8("r-2,2019-01-01\n"));
    file.write(utf8("r-3,2019-01-01,true,extra\n"));
    file.write(utf8(",2019-01-01,true\n"));
    file.write(new byte[] {'r', '-', '5', ',', (byte) 0xFF, ',', 't', '\n'});
    file.write(utf8("r-6,\"x\"y,true\n"));
    List<SourceRecord> records = readAll(file.toByteArray(), Dataset.RESTAURANT);
    assertThat(records.stream().map(ReadersTest::reason))
        .containsExactly(
            "good",
            "wrong-column-count",
            "wrong-column-count",
            "missing-key",
            "invalid-utf8",
            "malformed-csv");
    assertThat(records.get(1).line()).isEqualTo(3);
  }

  @Test
  void aCsvWithoutTheKeyColumnIsUnreadable() {
    assertThatThrownBy(() -> readAll(utf8("name,city\nx,y\n"), Dataset.RESTAURANT))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessageContaining("no key column 'id'");
    assertThatThrownBy(() -> readAll(new byte[0], Dataset.CONSUMER)).hasMessageContaining("empty");
  }

  @Test
  void aTruncatedGzipYieldsTheCompleteLinesThenFailsWithThePartialLineKept() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("{\"order_id\":\"id-")
          .append(i)
          .append("\",\"filler\":\"")
          .append(Integer.toHexString(i * 7919))
          .append("\"}\n");
    }
    byte[] compressed = gzip(utf8(text.toString()));
    byte[] truncated = Arrays.copyOf(compressed, compressed.length * 3 / 4);
    RecordReader reader =
        RecordReaders.open(new ByteArrayInputStream(truncated), Dataset.ORDER.contract());
    int good = 0;
    try {
      while (reader.next() != null) {
        good++;
      }
      throw new AssertionError("a truncated gzip must not read to a normal end");
    } catch (EOFException expected) {
      // the stream breaks
    }
    assertThat(good).isGreaterThan(1000).isLessThan(5000);
    byte[] partial = reader.partialRecord("truncated-gzip", "the stream breaks").original();
    assertThat(reader.partialRecordLine()).isEqualTo(good + 1);
    assertThat(new String(partial, StandardCharsets.UTF_8)).doesNotContain("\n");
    assertThat(text.toString().split("\n")[good])
        .startsWith(new String(partial, StandardCharsets.UTF_8));
  }

  @Test
  void utf8Validation() {
    assertThat(Utf8.isValid(utf8("ação é ü 日本 😀"), 0, utf8("ação é ü 日本 😀").length)).isTrue();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF}, 0, 2)).as("overlong").isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3))
        .as("surrogate")
        .isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2))
        .as("cut sequence")
        .isFalse();
    assertThat(Utf8.isValid(new byte[] {(byte) 0xFF}, 0, 1)).isFalse();
  }
}
