package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.contract.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each class of bad input becomes one dead letter with its reason, and the next record goes on. */
class BadRecordsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONSUMER_HEADER =
      "customer_id,language,created_at,active,customer_name,customer_phone_area,customer_phone_number";

  /** A marker in every bad record: no dead letter's detail may quote it. */
  private static final String SECRET = "Segredo-123";

  static List<SourceRecord> readAll(byte[] bytes, Dataset dataset, RecordLimits limits)
      throws IOException {
    return readAll(RecordReaders.open(new ByteArrayInputStream(bytes), dataset.contract(), limits));
  }

  static List<SourceRecord> readAll(RecordReader reader) throws IOException {
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

  static String reason(SourceRecord r) {
    return r instanceof SourceRecord.Bad bad ? bad.reason() : "good";
  }

  private static String consumer(String id, String name) {
    return id + ",pt-br,2018-04-05T14:49:18.165Z,true," + name + ",16,123456789";
  }

  private static String status(String id) {
    return "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\""
        + id
        + "\",\"status_id\":\"s\",\"value\":\"PLACED\"}";
  }

  private static void assertNoContentInDetails(List<SourceRecord> records) {
    for (SourceRecord r : records) {
      if (r instanceof SourceRecord.Bad bad) {
        assertThat(bad.detail())
            .as("detail of %s", bad.reason())
            .doesNotContain(SECRET)
            .doesNotContain("Segredo");
      }
    }
  }

  @Test
  void aLineOverTheLimitIsReadToItsEndInBoundedMemoryAndTheNextLineGoesOn() throws Exception {
    RecordLimits limits = new RecordLimits(4096, 100, 1024, 16, 64);
    StringBuilder huge = new StringBuilder("{\"order_id\":\"big\",\"x\":\"");
    while (huge.length() < 3_000_000) {
      huge.append(SECRET);
    }
    huge.append("\"}");
    byte[] hugeBytes = utf8(huge.toString());
    byte[] file = utf8(status("a") + "\n" + huge + "\r\n" + status("b"));
    List<SourceRecord> records = readAll(file, Dataset.ORDER_STATUS, limits);
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .containsExactly("good", "record-too-large", "good");
    SourceRecord.Bad bad = (SourceRecord.Bad) records.get(1);
    assertThat(bad.line()).isEqualTo(2);
    assertThat(bad.offset()).isEqualTo(status("a").length() + 1);
    assertThat(bad.originalLength())
        .as("the whole line, without its \\r\\n")
        .isEqualTo(hugeBytes.length);
    assertThat(bad.original()).hasSize(100).isEqualTo(java.util.Arrays.copyOf(hugeBytes, 100));
    assertThat(bad.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(hugeBytes));
    assertThat(records.get(2).line()).as("a last line without a line end is a record").isEqualTo(3);
    assertNoContentInDetails(records);
  }

  @Test
  void aTooLargeLineNeverGrowsTheBufferPastTheLimit() throws Exception {
    RecordLimits limits = new RecordLimits(2048, 64, 1024, 16, 64);
    InputStream endless = new InputStream() { // 50 MB of 'x', then a line end and one good line
          long left = 50_000_000;
          final byte[] tail = utf8("\n" + status("z") + "\n");
          int tailAt;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (left > 0) {
              int n = (int) Math.min(len, left);
              java.util.Arrays.fill(b, off, off + n, (byte) 'x');
              left -= n;
              return n;
            }
            if (tailAt == tail.length) {
              return -1;
            }
            int n = Math.min(len, tail.length - tailAt);
            System.arraycopy(tail, tailAt, b, off, n);
            tailAt += n;
            return n;
          }
        };
    List<SourceRecord> records =
        readAll(RecordReaders.open(endless, Dataset.ORDER_STATUS.contract(), limits));
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .containsExactly("record-too-large", "good");
    assertThat(((SourceRecord.Bad) records.get(0)).originalLength()).isEqualTo(50_000_000L);
  }

  @Test
  void aStrayQuoteCostsOneLineAndReadingResumesAtTheNext() throws Exception {
    StringBuilder csv = new StringBuilder(CONSUMER_HEADER).append('\n');
    csv.append(consumer("c-0", "ok")).append('\n');
    csv.append(consumer("c-stray", "\"Maria " + SECRET)).append('\n');
    int good = 40_000;
    for (int i = 1; i <= good; i++) {
      csv.append(consumer("c-" + i, "Name " + i)).append('\n');
    }
    byte[] bytes = utf8(csv.toString());
    CsvReader reader =
        (CsvReader)
            RecordReaders.open(
                new ByteArrayInputStream(bytes),
                Dataset.CONSUMER.contract(),
                RecordLimits.DEFAULTS);
    List<SourceRecord> records = readAll(reader);
    assertThat(records).hasSize(good + 2);
    assertThat(records.get(1))
        .isInstanceOfSatisfying(
            SourceRecord.Bad.class,
            bad -> {
              assertThat(bad.reason()).isEqualTo("unterminated-quote");
              assertThat(bad.line()).isEqualTo(3);
              assertThat(bad.detail())
                  .isEqualTo("a quoted cell opened on line 3 is not closed within 16 lines");
              assertThat(new String(bad.original(), StandardCharsets.UTF_8))
                  .as("only the line of the quote")
                  .isEqualTo(consumer("c-stray", "\"Maria " + SECRET));
            });
    assertThat(records.get(2).line()).as("resynchronized at the next line").isEqualTo(4);
    assertThat(records.stream().filter(r -> r instanceof SourceRecord.Good)).hasSize(good + 1);
    // linear: each byte is examined at most once per record that may start on one of the 16 lines
    // before it
    assertThat(reader.quoteSteps()).isLessThanOrEqualTo(17L * bytes.length);
    assertThat(reader.quoteSteps()).as("here, about once").isLessThan(2L * bytes.length);
    assertNoContentInDetails(records);
  }

  @Test
  void aQuoteClosedOnALaterLineIntoNoRecordMakesItsLinesOneDeadLetter() throws Exception {
    String csv =
        "id,created_at,enabled,name\nr-1,,true,ok\nr-3,,true,\"two "
            + SECRET
            + "\nr-9,y,z\",5\nr-4,,true,after\n";
    byte[] bytes = utf8(csv);
    List<SourceRecord> records = readAll(bytes, Dataset.RESTAURANT, RecordLimits.DEFAULTS);
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .containsExactly("good", "wrong-column-count", "good");
    assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 3L, 5L);
    assertThat(records.get(1))
        .isInstanceOfSatisfying(
            SourceRecord.Bad.class,
            bad -> {
              assertThat(bad.detail())
                  .isEqualTo("expected 4 cells, found 5 (a quoted cell spans lines 3-4)");
              assertThat(bad.offset()).isEqualTo(csv.indexOf("r-3"));
              assertThat(new String(bad.original(), StandardCharsets.UTF_8))
                  .as("both lines, no fragment read again")
                  .isEqualTo("r-3,,true,\"two " + SECRET + "\nr-9,y,z\",5");
              assertThat(bad.originalLength()).isEqualTo(bad.original().length);
            });
    assertNoContentInDetails(records);
  }

  @Test
  void aStrayQuoteClosedByAQuoteInALaterLineMakesTheirLinesOneDeadLetter() throws Exception {
    String csv =
        CONSUMER_HEADER
            + "\n"
            + consumer("c-1", "\"Maria " + SECRET)
            + "\n"
            + consumer("c-2", "Ana \"Nina\" Souza")
            + "\n"
            + consumer("c-3", "\"Zé\"")
            + "\n";
    List<SourceRecord> records = readAll(utf8(csv), Dataset.CONSUMER, RecordLimits.DEFAULTS);
    assertThat(records).extracting(BadRecordsTest::reason).containsExactly("malformed-csv", "good");
    assertThat(((SourceRecord.Bad) records.get(0)).detail())
        .isEqualTo("text after the closing quote of cell 5 (a quoted cell spans lines 2-3)");
    assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 4L);
    assertNoContentInDetails(records);
  }

  @Test
  void aQuoteLeftOpenAtTheEndOfTheFileCostsOneLine() throws Exception {
    String csv =
        CONSUMER_HEADER
            + "\n"
            + consumer("c-1", "\"open")
            + "\n"
            + consumer("c-2", "fine")
            + "\n"
            + consumer("c-3", "also");
    List<SourceRecord> records = readAll(utf8(csv), Dataset.CONSUMER, RecordLimits.DEFAULTS);
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .containsExactly("unterminated-quote", "good", "good");
    assertThat(((SourceRecord.Bad) records.get(0)).detail()).endsWith("before the end of the file");
    assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 3L, 4L);
  }

  @Test
  void aQuotedCellMaySpanUpToTheLineLimit() throws Exception {
    String fifteenBreaks = "\"" + "line\n".repeat(15) + "end\"";
    String seventeenLines = "\"" + "line\n".repeat(16) + "end\"";
    String csv =
        CONSUMER_HEADER
            + "\n"
            + consumer("c-1", fifteenBreaks)
            + "\n"
            + consumer("c-2", seventeenLines)
            + "\n";
    List<SourceRecord> records = readAll(utf8(csv), Dataset.CONSUMER, RecordLimits.DEFAULTS);
    assertThat(records.get(0)).isInstanceOf(SourceRecord.Good.class);
    assertThat(reason(records.get(1))).isEqualTo("unterminated-quote");
    assertThat(records.get(1).line()).isEqualTo(18);
    // then the lines of the over-long cell are read as records of their own: the bad ones are dead
    // letters
    assertThat(records.subList(2, records.size())).allMatch(r -> r instanceof SourceRecord.Bad);
  }

  @Test
  void aQuotedSpanOverTheByteLimitIsUnterminated() throws Exception {
    RecordLimits limits = new RecordLimits(2048, 64, 1024, 16, 64);
    String csv =
        CONSUMER_HEADER
            + "\n"
            + consumer("c-1", "\"" + "x".repeat(1500))
            + "\n"
            + "y".repeat(1500)
            + "\"\n"
            + consumer("c-2", "ok")
            + "\n";
    List<SourceRecord> records = readAll(utf8(csv), Dataset.CONSUMER, limits);
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .containsExactly("unterminated-quote", "wrong-column-count", "good");
    assertThat(((SourceRecord.Bad) records.get(0)).detail()).endsWith("within 2048 bytes");
  }

  @Test
  void csvClasses() throws Exception {
    RecordLimits limits = new RecordLimits(2048, 64, 8, 16, 64);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.write(utf8("\uFEFF" + CONSUMER_HEADER + "\n"));
    file.write(utf8(consumer("c-1", "ok") + "\n"));
    file.write(utf8(consumer("c-2", "nul\0" + SECRET) + "\n"));
    file.write(utf8(CONSUMER_HEADER + "\n"));
    file.write(utf8("\uFEFF" + CONSUMER_HEADER + "\n"));
    file.write(utf8(consumer("c-very-long-key", SECRET) + "\n"));
    file.write(utf8(consumer("c-3", SECRET) + ",extra\n"));
    file.write(utf8("c-4," + SECRET + "\n"));
    file.write(utf8(consumer("c-5", "\"" + SECRET + "\"x") + "\n"));
    file.write(utf8(consumer("c-6", "\"a\"\"b" + "\"") + "\n"));
    file.write(utf8(consumer("c-7", "x".repeat(1000) + "\"".repeat(600)) + "\n"));
    file.write(utf8(consumer("c-8", "Ana \"Nina\" " + SECRET) + "\n"));
    List<SourceRecord> records = readAll(file.toByteArray(), Dataset.CONSUMER, limits);
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .containsExactly(
            "good",
            "nul-byte",
            "repeated-header",
            "repeated-header",
            "key-too-long",
            "wrong-column-count",
            "wrong-column-count",
            "malformed-csv",
            "good",
            "record-too-large",
            "good");
    assertThat(
            JSON.readTree(((SourceRecord.Good) records.get(8)).value())
                .get("customer_name")
                .asText())
        .isEqualTo("a\"b");
    assertThat(
            JSON.readTree(((SourceRecord.Good) records.get(10)).value())
                .get("customer_name")
                .asText())
        .as("a quote inside an unquoted cell is text")
        .isEqualTo("Ana \"Nina\" " + SECRET);
    assertNoContentInDetails(records);
  }

  @Test
  void aCsvHeaderNamingAColumnTwiceIsUnreadable() {
    assertThatThrownBy(
            () -> readAll(utf8("id,name,id\nr-1,x,y\n"), Dataset.RESTAURANT, RecordLimits.DEFAULTS))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("the CSV header names a column twice: column 3 repeats column 1");
  }

  @Test
  void aCsvWithoutAHeaderIsUnreadableWithoutQuotingItsFirstLine() {
    String firstLine = "r-1," + SECRET + "," + SECRET;
    assertThatThrownBy(
            () ->
                readAll(utf8(firstLine + "\nr-2,x,y\n"), Dataset.RESTAURANT, RecordLimits.DEFAULTS))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("the CSV header names a column twice: column 3 repeats column 2");
    assertThatThrownBy(
            () ->
                readAll(
                    utf8("r-1," + SECRET + ",x\nr-2,x,y\n"),
                    Dataset.RESTAURANT,
                    RecordLimits.DEFAULTS))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("the CSV header has no key column 'id' among its 3 columns");
  }

  @Test
  void jsonClasses() throws Exception {
    RecordLimits limits = new RecordLimits(4096, 64, 16, 16, 8);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (String line :
        List.of(
            status("ok-1"),
            "{\"order_id\":\"a\",\"value\":\"" + SECRET + "\",\"value\":\"x\"}",
            "{\"order_id\":\"a\",\"o\":{\"k\":1,\"k\":\"" + SECRET + "\"}}",
            "{\"order_id\":\"a\",\"o\":{\"k\":1},\"p\":{\"k\":2},\"q\":[{\"k\":1},{\"k\":1}]}",
            "{\"order_id\":\"a\",\"n\":"
                + "[".repeat(20)
                + "\""
                + SECRET
                + "\""
                + "]".repeat(20)
                + "}",
            "{\"order_id\":\"" + SECRET + "-much-too-long\"}",
            "[\"" + SECRET + "\"]",
            "\"" + SECRET + "\"",
            "42",
            "null",
            SECRET,
            "{\"order_id\":\"a\"}{\"order_id\":\"b\"}",
            "{\"order_id\":\"a\",\"v\":\"" + SECRET + "\0\"}",
            "{\"order_id\":{\"id\":\"" + SECRET + "\"}}",
            "{\"order_id\":\"a\",\"x\":1" + "0".repeat(2000) + "}",
            "{\"order_id\":\"a\",\"x\":1e999999999}",
            "{\"order_id\":\"a\",\"x\":NaN}",
            "{'order_id':'a'}",
            "{\"order_id\":\"a\"",
            status("ok-2"))) {
      file.write(utf8(line));
      file.write('\n');
    }
    List<SourceRecord> records = readAll(file.toByteArray(), Dataset.ORDER_STATUS, limits);
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .containsExactly(
            "good",
            "duplicate-field",
            "duplicate-field",
            "good",
            "too-deeply-nested",
            "key-too-long",
            "not-an-object",
            "not-an-object",
            "not-an-object",
            "not-an-object",
            "malformed-json",
            "malformed-json",
            "nul-byte",
            "missing-key",
            "malformed-json",
            "good",
            "malformed-json",
            "malformed-json",
            "malformed-json",
            "good");
    assertThat(records.get(records.size() - 1).line()).isEqualTo(20);
    for (SourceRecord r : records) {
      if (r instanceof SourceRecord.Bad bad) {
        assertThat(bad.sha256())
            .isEqualTo(MessageDigest.getInstance("SHA-256").digest(bad.original()));
        assertThat(bad.originalLength()).isEqualTo(bad.original().length);
      }
    }
    assertNoContentInDetails(records);
  }

  @Test
  void aByteOrderMarkAtTheStartOfAJsonFileIsNotPartOfItsFirstRecord() throws Exception {
    byte[] file = utf8("\uFEFF" + status("a") + "\n\uFEFF" + status("b") + "\n");
    List<SourceRecord> records = readAll(file, Dataset.ORDER_STATUS, RecordLimits.DEFAULTS);
    assertThat(records)
        .extracting(BadRecordsTest::reason)
        .as("JSON parsers skip a leading BOM")
        .containsExactly("good", "good");
    assertThat(((SourceRecord.Good) records.get(0)).value()).isEqualTo(utf8(status("a")));
  }

  @Test
  void offsetsPointAtTheRecordsFirstByte() throws Exception {
    String a = status("a");
    String bad = "{\"order_id\":";
    byte[] file = utf8(a + "\r\n\n" + bad + "\n");
    List<SourceRecord> records = readAll(file, Dataset.ORDER_STATUS, RecordLimits.DEFAULTS);
    SourceRecord.Bad dead = (SourceRecord.Bad) records.get(1);
    assertThat(dead.line()).isEqualTo(3);
    assertThat(dead.offset()).isEqualTo(a.length() + 3);
  }

  @Test
  void limitsAreValidatedWithClearMessages() {
    assertThatThrownBy(() -> new RecordLimits(2 * 1024 * 1024, 64, 1024, 16, 64))
        .hasMessageContaining("--max-record-bytes must be between 1024 and 983052");
    assertThatThrownBy(() -> new RecordLimits(4096, 8192, 1024, 16, 64))
        .hasMessageContaining("--dead-letter-prefix-bytes");
    assertThatThrownBy(() -> new RecordLimits(4096, 64, 0, 16, 64))
        .hasMessageContaining("--max-key-bytes");
    assertThatThrownBy(() -> new RecordLimits(4096, 64, 1024, 0, 64))
        .hasMessageContaining("--max-csv-lines");
  }
}
