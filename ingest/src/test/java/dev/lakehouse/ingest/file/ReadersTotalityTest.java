package dev.lakehouse.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every reader is total: random and mutated lines come out as records or dead letters, never as an
 * exception, and the work done stays linear in the input (counted, not timed). Small limits make
 * the limit paths (too large, too long a key, too many lines, too deep) come up often.
 */
class ReadersTotalityTest {
  private static final RecordLimits SMALL = new RecordLimits(1024, 64, 24, 4, 6);
  private static final String CSV_HEADER = "id,created_at,enabled,name";
  private static final List<String> GOOD_JSON =
      List.of(
          "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"REGISTERED\"}",
          "{\"order_id\":\"o-2\",\"items\":\"[{\\\"name\\\":\\\"Pizza\\\",\\\"quantity\\\":1}]\",\"n\":[1,2,{\"a\":null}],\"b\":true}",
          "{\"order_id\":\"o-3\",\"x\":-1.5e10,\"y\":{\"z\":[[],{}]},\"s\":\"a\\\"b\\\\c\\u00e9\"}");
  private static final List<String> GOOD_CSV =
      List.of(
          "r-1,2019-01-01T00:00:00Z,true,Pizzaria",
          "r-2,2019-01-01T00:00:00Z,false,\"Silva, \"\"Zé\"\"\"",
          "r-3,,true,\"two\nlines\"",
          "r-4,2019-01-01T00:00:00Z,,");
  private static final String SENTINEL_JSON = "{\"order_id\":\"sentinel\"}";
  private static final String SENTINEL_CSV = "r-sentinel,2019-01-01T00:00:00Z,true,last";

  private static final AtomicLong LINES = new AtomicLong();
  private static final AtomicLong GOOD = new AtomicLong();
  private static final Map<String, Long> DEAD = new TreeMap<>();

  @Property(tries = 400)
  void jsonLinesBecomeOneRecordEachAndTheLastGoodLineIsRead(@ForAll("jsonBodies") List<byte[]> body)
      throws IOException {
    for (RecordLimits limits : List.of(SMALL, RecordLimits.DEFAULTS)) {
      byte[] file = file(null, body, SENTINEL_JSON);
      RecordReader reader =
          RecordReaders.open(
              new ByteArrayInputStream(file), Dataset.ORDER_STATUS.contract(), limits);
      List<SourceRecord> records = BadRecordsTest.readAll(reader);
      tally(countLines(file), records);
      assertThat(records).as("one record per non-blank line").hasSize(nonBlankLines(file));
      assertThat(reader.nextRecordOffset())
          .as("the resume offset at the end is the file's length")
          .isEqualTo(file.length);
      assertSentinelLast(records);
      assertWellFormed(records, limits);
    }
  }

  @Property(tries = 400)
  void csvRecordsResyncAndTheLastGoodLineIsRead(@ForAll("csvBodies") List<byte[]> body)
      throws IOException {
    for (RecordLimits limits : List.of(SMALL, RecordLimits.DEFAULTS)) {
      byte[] file = file(CSV_HEADER, body, SENTINEL_CSV);
      CsvReader reader =
          (CsvReader)
              RecordReaders.open(
                  new ByteArrayInputStream(file), Dataset.RESTAURANT.contract(), limits);
      List<SourceRecord> records = BadRecordsTest.readAll(reader);
      tally(countLines(file), records);
      assertSentinelLast(records);
      assertWellFormed(records, limits);
      assertNoRecordInsideADeadLetter(records);
      assertThat(reader.nextRecordOffset())
          .as("the resume offset at the end is the file's length")
          .isEqualTo(file.length);
      int lines = nonBlankLines(file) - 1;
      assertThat(records.size())
          .isBetween((lines + limits.maxCsvLines() - 1) / limits.maxCsvLines(), lines);
      assertThat(reader.quoteSteps())
          .as("linear work")
          .isLessThanOrEqualTo((long) (limits.maxCsvLines() + 1) * file.length);
    }
  }

  @Property(tries = 200)
  void aBrokenGzipEndsInRecordsThenAStreamErrorWithThePartialRecordKept(
      @ForAll("jsonBodies") List<byte[]> body, @ForAll("fractions") double cut) throws IOException {
    byte[] compressed = gzip(file(null, body, SENTINEL_JSON));
    byte[] truncated = Arrays.copyOf(compressed, Math.max(10, (int) (compressed.length * cut)));
    RecordReader reader;
    try {
      reader =
          RecordReaders.open(
              new ByteArrayInputStream(truncated), Dataset.ORDER_STATUS.contract(), SMALL);
    } catch (UnreadableFileException | EOFException e) {
      return; // a header cut short: the file is reported unreadable
    }
    List<SourceRecord> records = new ArrayList<>();
    try {
      SourceRecord r;
      while ((r = reader.next()) != null) {
        records.add(r);
      }
    } catch (EOFException | ZipException expected) {
      SourceRecord.Bad partial = reader.partialRecord("truncated-gzip", "cut");
      if (partial != null) {
        assertThat(partial.original().length).isLessThanOrEqualTo(SMALL.maxRecordBytes());
      }
    }
    assertWellFormed(records, SMALL);
  }

  @Property(tries = 300)
  void randomCsvHeadersAreReadOrReportedUnreadable(
      @ForAll("csvLine") byte[] header, @ForAll("csvBodies") List<byte[]> body) throws IOException {
    byte[] file =
        file(
            new String(header, StandardCharsets.ISO_8859_1).replace("\n", "") + ",id",
            body,
            SENTINEL_CSV);
    try {
      List<SourceRecord> records =
          BadRecordsTest.readAll(
              RecordReaders.open(
                  new ByteArrayInputStream(file), Dataset.RESTAURANT.contract(), SMALL));
      assertWellFormed(records, SMALL);
    } catch (UnreadableFileException e) {
      assertThat(e.getMessage()).startsWith("the CSV");
    }
  }

  @AfterContainer
  static void report() {
    long dead = DEAD.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "ReadersTotalityTest: %,d lines fed, %,d good records, %,d dead letters %s, 0 exceptions%n",
        LINES.get(), GOOD.get(), dead, DEAD);
  }

  @Provide
  Arbitrary<List<byte[]>> jsonBodies() {
    return Arbitraries.oneOf(
            mutated(GOOD_JSON),
            randomLine(),
            Arbitraries.of(GOOD_JSON).map(ReadersTotalityTest::utf8))
        .list()
        .ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<byte[]>> csvBodies() {
    return Arbitraries.oneOf(
            mutated(GOOD_CSV),
            randomLine(),
            Arbitraries.of(GOOD_CSV).map(ReadersTotalityTest::utf8))
        .list()
        .ofMaxSize(24);
  }

  @Provide
  Arbitrary<byte[]> csvLine() {
    return Arbitraries.oneOf(mutated(List.of(CSV_HEADER)), randomLine());
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0.05, 0.99);
  }

  /** Random bytes weighted towards the ones parsers care about. */
  private static Arbitrary<byte[]> randomLine() {
    Arbitrary<Byte> special =
        Arbitraries.of(
            (byte) '"',
            (byte) ',',
            (byte) '{',
            (byte) '}',
            (byte) '[',
            (byte) ']',
            (byte) ':',
            (byte) '\\',
            (byte) '\n',
            (byte) '\r',
            (byte) 0,
            (byte) 0xC3,
            (byte) 0xA9,
            (byte) 0xFF,
            (byte) 0xED,
            (byte) 'a',
            (byte) ' ');
    Arbitrary<Byte> any =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
    return Arbitraries.oneOf(
        any.array(byte[].class).ofMaxSize(80),
        any.array(byte[].class).ofMinSize(900).ofMaxSize(3000));
  }

  /**
   * A good line with a few edits: a byte inserted, replaced or removed, a slice repeated, the line
   * cut.
   */
  private static Arbitrary<byte[]> mutated(List<String> corpus) {
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 255))
            .as((kind, at, value) -> new int[] {kind, at, value});
    return Combinators.combine(Arbitraries.of(corpus), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(
            (line, edits) -> {
              byte[] bytes = utf8(line);
              for (int[] e : edits) {
                bytes = apply(bytes, e[0], e[1], (byte) e[2]);
              }
              return bytes;
            });
  }

  private static byte[] apply(byte[] bytes, int kind, int at, byte value) {
    int n = bytes.length;
    int i = n == 0 ? 0 : at % (n + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (kind) {
      case 0 -> { // insert a byte
        out.write(bytes, 0, i);
        out.write(value);
        out.write(bytes, i, n - i);
      }
      case 1 -> { // replace a byte
        byte[] copy = bytes.clone();
        if (i < n) {
          copy[i] = value;
        }
        return copy;
      }
      case 2 -> { // remove a byte
        out.write(bytes, 0, i);
        if (i < n) {
          out.write(bytes, i + 1, n - i - 1);
        }
      }
      case 3 -> { // repeat the tail many times
        out.write(bytes, 0, n);
        for (int k = 0; k < 1 + (value & 0x3F); k++) {
          out.write(bytes, i, n - i);
        }
      }
      case 4 -> out.write(bytes, 0, i); // cut
      default -> { // insert a quote
        out.write(bytes, 0, i);
        out.write('"');
        out.write(bytes, i, n - i);
      }
    }
    return out.toByteArray();
  }

  private static void assertSentinelLast(List<SourceRecord> records) {
    assertThat(records).isNotEmpty();
    assertThat(records.get(records.size() - 1))
        .as("the last, good line is always read")
        .isInstanceOf(SourceRecord.Good.class);
  }

  private static void assertWellFormed(List<SourceRecord> records, RecordLimits limits)
      throws IOException {
    long previous = 0;
    for (SourceRecord r : records) {
      assertThat(r.line()).as("records in line order").isGreaterThan(previous);
      previous = r.line();
      if (r instanceof SourceRecord.Good good) {
        assertThat(good.value().length).isLessThanOrEqualTo(limits.maxRecordBytes());
        assertThat(good.key().length).isBetween(1, limits.maxKeyBytes());
      } else {
        SourceRecord.Bad bad = (SourceRecord.Bad) r;
        assertThat(bad.reason()).isNotBlank();
        assertThat(bad.detail()).isNotBlank();
        assertThat(bad.sha256()).hasSize(32);
        assertThat(bad.originalLength()).isGreaterThanOrEqualTo(bad.original().length);
        assertThat(bad.original().length).isLessThanOrEqualTo(limits.maxRecordBytes());
      }
    }
  }

  /**
   * A dead letter held whole covers its lines: no later record starts on one of them (a fragment
   * read again).
   */
  private static void assertNoRecordInsideADeadLetter(List<SourceRecord> records) {
    long coveredTo = 0;
    for (SourceRecord r : records) {
      assertThat(r.line())
          .as("record on line %d starts after the lines of the dead letter before it", r.line())
          .isGreaterThan(coveredTo);
      if (r instanceof SourceRecord.Bad bad && bad.originalLength() == bad.original().length) {
        long breaks = 0;
        for (byte b : bad.original()) {
          if (b == '\n') {
            breaks++;
          }
        }
        coveredTo = bad.line() + breaks;
      }
    }
  }

  private static void tally(int lines, List<SourceRecord> records) {
    LINES.addAndGet(lines);
    synchronized (DEAD) {
      for (SourceRecord r : records) {
        if (r instanceof SourceRecord.Bad bad) {
          DEAD.merge(bad.reason(), 1L, Long::sum);
        } else {
          GOOD.incrementAndGet();
        }
      }
    }
  }

  private static byte[] file(String header, List<byte[]> body, String last) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (header != null) {
      out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
      out.write('\n');
    }
    for (byte[] line : body) {
      out.writeBytes(line);
      out.write('\n');
    }
    out.writeBytes(utf8(last)); // no line end: a last line is read all the same
    return out.toByteArray();
  }

  private static int countLines(byte[] file) {
    int lines = 1;
    for (byte b : file) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static int nonBlankLines(byte[] file) {
    int count = 0;
    int start = 0;
    for (int i = 0; i <= file.length; i++) {
      if (i == file.length || file[i] == '\n') {
        if (!JsonLinesReader.isBlank(Arrays.copyOfRange(file, start, i))) {
          count++;
        }
        start = i + 1;
      }
    }
    return count;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
