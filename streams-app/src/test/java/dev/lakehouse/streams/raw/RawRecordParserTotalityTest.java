package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The raw stage's parser is total: for any bytes, a row or a rejection with a reason, quickly,
 * never an exception. The hostile classes first, each in every field of its kind and every dataset;
 * then random and mutated records.
 */
class RawRecordParserTotalityTest {
  private static final Map<Dataset, String> GOOD =
      new EnumMap<>(
          Map.of(
              Dataset.ORDER,
                  """
          {"cpf":"01234567890","customer_id":"c-1","customer_name":"maria","delivery_address_city":"FRANCA",\
          "delivery_address_latitude":-47.39,"delivery_address_longitude":"-20.55","delivery_address_zip_code":"01402",\
          "items":"[{\\"name\\":\\"Pizza\\",\\"quantity\\":1.0}]","merchant_id":"m-1","merchant_latitude":-47.4,\
          "merchant_longitude":-20.5,"merchant_timezone":"America/Sao_Paulo","order_created_at":"2019-01-17T22:50:06.000Z",\
          "order_id":"o-1","order_scheduled":false,"order_scheduled_date":null,"order_total_amount":46.0,"origin_platform":"ANDROID"}""",
              Dataset.ORDER_STATUS,
                  """
          {"created_at":"2019-01-17T22:50:06.000Z","order_id":"o-1","status_id":"s-1","value":"PLACED"}""",
              Dataset.CONSUMER,
                  """
          {"customer_id":"c-1","language":"pt-br","created_at":"2018-04-05T14:49:18.165Z","active":"true",\
          "customer_name":"ana","customer_phone_area":"16","customer_phone_number":"012345678"}""",
              Dataset.RESTAURANT,
                  """
          {"id":"r-1","created_at":"2017-01-23T12:52:30.000Z","enabled":"false","price_range":"3","average_ticket":"60.0",\
          "takeout_time":"0","delivery_time":12,"minimum_order_value":30.0,"merchant_zip_code":"14025",\
          "merchant_city":"RIBEIRAO PRETO","merchant_state":"SP","merchant_country":"BR"}"""));

  /**
   * Numbers no column can hold, or that cost minutes to scale, written as JSON numbers and as
   * strings.
   */
  private static final List<String> HOSTILE_NUMBERS =
      List.of(
          "1e400",
          "-1e400",
          "1e999999999",
          "1e-999999999",
          "9E+2147483647",
          "1E-2147483648",
          "1" + "0".repeat(400),
          "123456789012345678901234567890.5",
          "0." + "0".repeat(300) + "1",
          "1e99999999999",
          "2147483648",
          "-2147483649",
          "99999999999999.99",
          "1".repeat(2000));

  private static final List<String> HOSTILE_TIMESTAMPS =
      List.of(
          "+294247-01-10T04:00:54.775807Z",
          "+999999999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z",
          "0000-01-01T00:00:00Z",
          "10000-01-01T00:00:00Z",
          "2019-02-30T00:00:00Z",
          "2019-01-17T22:50:06." + "9".repeat(100) + "Z",
          "2019-01-17T22:50:06.000Z".repeat(1000));

  @Test
  void aNumberAnyColumnCannotHoldIsRejectedInEveryNumericField() {
    int tried = 0;
    for (Dataset dataset : Dataset.values()) {
      for (String field : fieldsOfKind(dataset, "number")) {
        for (String number : HOSTILE_NUMBERS) {
          for (String literal : List.of(number, '"' + number + '"')) {
            ParseResult result = timedParse(dataset, withField(dataset, field, literal));
            tried++;
            if (result instanceof ParseResult.Parsed parsed) {
              // a number its column can hold (a huge double, a 10-digit decimal) is a value, and
              // fits the column
              assertHoldable(dataset, field, parsed);
            } else {
              assertThat(((ParseResult.Rejected) result).reason())
                  .isIn("invalid-number", "malformed-json");
              assertThat(((ParseResult.Rejected) result).detail())
                  .doesNotContain(number.length() > 3 ? number.substring(0, 4) : number);
            }
          }
        }
      }
    }
    assertThat(tried).isGreaterThan(200);
  }

  @Test
  void theReportedOrderTotalTooLargeForADoubleIsADeadLetterNotACrash() {
    ParseResult result =
        timedParse(Dataset.ORDER, withField(Dataset.ORDER, "order_total_amount", "1e400"));
    assertThat(result)
        .isEqualTo(
            new ParseResult.Rejected(
                "invalid-number",
                "field 'order_total_amount': more than 12 digits before the decimal point"));
  }

  @Test
  void aTimestampNoEngineCanHoldIsRejectedInEveryTimestampField() {
    for (Dataset dataset : Dataset.values()) {
      for (String field : fieldsOfKind(dataset, "timestamp")) {
        for (String timestamp : HOSTILE_TIMESTAMPS) {
          ParseResult result =
              timedParse(dataset, withField(dataset, field, '"' + timestamp + '"'));
          assertThat(result)
              .as("%s.%s = %s", dataset, field, timestamp)
              .isInstanceOf(ParseResult.Rejected.class);
          assertThat(((ParseResult.Rejected) result).reason()).isEqualTo("invalid-timestamp");
        }
      }
    }
  }

  @Property(tries = 3_000)
  void anyMutationOfAGoodRecordIsARowOrARejection(@ForAll("mutated") Mutated input) {
    ParseResult result = timedParse(input.dataset(), input.bytes());
    if (result instanceof ParseResult.Rejected rejected) {
      assertThat(rejected.reason()).isNotBlank();
      assertThat(rejected.detail()).isNotBlank();
    } else {
      // a row must be encodable as the writer will encode it: no value its column cannot hold
      new RawRowCodec(input.dataset().contract())
          .encode(
              ((ParseResult.Parsed) result).ordered(),
              new Lineage("t", 0, 0L, 0L, "file:/x", 1L),
              input.bytes().length + 128);
    }
  }

  @Property(tries = 1_000)
  void anyBytesAreARowOrARejection(@ForAll byte[] bytes, @ForAll Dataset dataset) {
    assertThat(timedParse(dataset, bytes)).isNotNull();
  }

  private static void assertHoldable(Dataset dataset, String field, ParseResult.Parsed parsed) {
    Object value = parsed.values().get(field);
    org.apache.iceberg.types.Type type = RawTables.schema(dataset.contract()).findType(field);
    switch (type.typeId()) {
      case DOUBLE -> assertThat((Double) value).isFinite();
      case DECIMAL -> {
        org.apache.iceberg.types.Types.DecimalType decimal =
            (org.apache.iceberg.types.Types.DecimalType) type;
        assertThat(((java.math.BigDecimal) value).scale()).isEqualTo(decimal.scale());
        assertThat(((java.math.BigDecimal) value).precision())
            .isLessThanOrEqualTo(decimal.precision());
      }
      case INTEGER -> assertThat(value).isInstanceOf(Integer.class);
      default -> {}
    }
    new RawRowCodec(dataset.contract())
        .encode(parsed.ordered(), new Lineage("t", 0, 0L, 0L, "file:/x", 1L), 1024);
  }

  record Mutated(Dataset dataset, byte[] bytes) {}

  @Provide
  Arbitrary<Mutated> mutated() {
    Arbitrary<Dataset> datasets = Arbitraries.of(Dataset.class);
    return datasets.flatMap(
        dataset -> {
          List<String> fields = new ArrayList<>(dataset.fieldNames());
          Arbitrary<String> values =
              Arbitraries.oneOf(
                  Arbitraries.of(HOSTILE_NUMBERS),
                  Arbitraries.of(HOSTILE_NUMBERS).map(n -> '"' + n + '"'),
                  Arbitraries.of(HOSTILE_TIMESTAMPS).map(t -> '"' + t + '"'),
                  Arbitraries.strings()
                      .ofMaxLength(40)
                      .map(RawRecordParserTotalityTest::jsonString),
                  Arbitraries.bigDecimals().map(Object::toString),
                  Arbitraries.doubles().map(Object::toString),
                  Arbitraries.of(
                      "null",
                      "true",
                      "false",
                      "{}",
                      "[]",
                      "[1,2]",
                      "{\"a\":{\"b\":[]}}",
                      "\"\"",
                      "\" \"",
                      "-0",
                      "1e",
                      "\"\\u0000\""));
          Arbitrary<String> replaced =
              Combinators.combine(Arbitraries.of(fields), values)
                  .as((field, value) -> withField(dataset, field, value));
          Arbitrary<byte[]> edited =
              Combinators.combine(
                      Arbitraries.integers().between(0, 100),
                      Arbitraries.integers().between(0, 20),
                      Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                  .as((at, cut, insert) -> splice(GOOD.get(dataset), at, cut, insert));
          return Arbitraries.oneOf(replaced.map(s -> s.getBytes(StandardCharsets.UTF_8)), edited)
              .map(bytes -> new Mutated(dataset, bytes));
        });
  }

  /**
   * The dataset's good record with one field's value replaced by a JSON literal (or added, if
   * absent).
   */
  static String withField(Dataset dataset, String field, String literal) {
    String good = GOOD.get(dataset);
    String key = "\"" + field + "\":";
    int at = good.indexOf(key);
    if (at < 0) {
      return good.substring(0, good.length() - 1) + "," + key + literal + "}";
    }
    int start = at + key.length();
    int end = valueEnd(good, start);
    return good.substring(0, start) + literal + good.substring(end);
  }

  private static int valueEnd(String json, int start) {
    if (json.charAt(start) == '"') {
      int i = start + 1;
      while (json.charAt(i) != '"') {
        i += json.charAt(i) == '\\' ? 2 : 1;
      }
      return i + 1;
    }
    int i = start;
    while (json.charAt(i) != ',' && json.charAt(i) != '}') {
      i++;
    }
    return i;
  }

  private static byte[] splice(String good, int atPercent, int cut, byte[] insert) {
    byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
    int at = bytes.length * atPercent / 100;
    int removed = Math.min(cut, bytes.length - at);
    byte[] out = new byte[bytes.length - removed + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + removed, out, at + insert.length, bytes.length - at - removed);
    return out;
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static List<String> fieldsOfKind(Dataset dataset, String kind) {
    org.apache.iceberg.Schema schema = RawTables.schema(dataset.contract());
    return dataset.fieldNames().stream()
        .filter(
            name ->
                switch (schema.findType(name).typeId()) {
                  case INTEGER, LONG, DOUBLE, DECIMAL -> kind.equals("number");
                  case TIMESTAMP -> kind.equals("timestamp");
                  default -> false;
                })
        .toList();
  }

  private static ParseResult timedParse(Dataset dataset, String json) {
    return timedParse(dataset, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Microseconds normally; the classes this guards against took minutes. */
  private static ParseResult timedParse(Dataset dataset, byte[] bytes) {
    long started = System.nanoTime();
    ParseResult result = new RawRecordParser(dataset.contract()).parse(bytes);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(result).isNotNull();
    return result;
  }
}
