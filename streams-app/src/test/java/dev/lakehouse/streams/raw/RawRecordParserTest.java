package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.ingest.generate.BadLineKind;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawRecordParserTest {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static ParseResult parse(Dataset dataset, String json) {
    return new RawRecordParser(dataset.contract()).parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> parsed(Dataset dataset, String json) {
    ParseResult result = parse(dataset, json);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).values();
  }

  private static String reason(ParseResult result) {
    return result instanceof ParseResult.Rejected r ? r.reason() : "parsed";
  }

  @Test
  void schemasTypeTheContractAndAddLineage() {
    Schema order = RawTables.schema(Dataset.ORDER.contract());
    assertThat(order.findType("order_created_at")).isEqualTo(Types.TimestampType.withZone());
    assertThat(order.findType("order_total_amount")).isEqualTo(RawTables.MONEY);
    assertThat(order.findType("order_scheduled")).isEqualTo(Types.BooleanType.get());
    assertThat(order.findType("items")).isEqualTo(Types.StringType.get());
    assertThat(order.findType("cpf"))
        .as("identifiers stay strings (leading zeros)")
        .isEqualTo(Types.StringType.get());
    assertThat(order.findType("delivery_address_zip_code")).isEqualTo(Types.StringType.get());
    assertThat(order.findField("order_id").isRequired()).isTrue();
    assertThat(order.findField("customer_id").isOptional())
        .as("may be null in the source")
        .isTrue();
    assertThat(RawTables.schema(Dataset.RESTAURANT.contract()).findType("price_range"))
        .isEqualTo(Types.IntegerType.get());
    for (Dataset dataset : Dataset.values()) {
      Schema schema = RawTables.schema(dataset.contract());
      assertThat(schema.columns()).hasSize(dataset.fields().size() + 7);
      assertThat(schema.findField(RawTables.SOURCE_OFFSET).fieldId()).isEqualTo(1002);
      assertThat(schema.columns().subList(0, dataset.fields().size()))
          .extracting(Types.NestedField::name)
          .containsExactlyElementsOf(dataset.fieldNames());
    }
  }

  @Test
  void anOrderIsTypedWithItsQuirksKept() {
    Map<String, Object> order =
        parsed(
            Dataset.ORDER,
            """
        {"cpf":"01234567890","customer_id":null,"customer_name":"maria","delivery_address_city":"FRANCA",
         "delivery_address_latitude":"-47.39","delivery_address_longitude":-20.55,"delivery_address_zip_code":"01402",
         "items":"[{\\"name\\":\\"Pizza\\"}]","merchant_id":"m-1","merchant_latitude":"-47.4","merchant_longitude":"-20.5",
         "merchant_timezone":"America/Sao_Paulo","order_created_at":"2019-01-17T22:50:06.000Z","order_id":"o-1",
         "order_scheduled":false,"order_scheduled_date":null,"order_total_amount":46.0,"origin_platform":"ANDROID",
         "some_future_field":"ignored"}""");
    assertThat(order.get("cpf")).isEqualTo("01234567890");
    assertThat(order.get("customer_id")).isNull();
    assertThat(order.get("delivery_address_latitude"))
        .as("kept swapped: trusted un-swaps")
        .isEqualTo(-47.39);
    assertThat(order.get("delivery_address_longitude")).isEqualTo(-20.55);
    assertThat(order.get("order_total_amount")).isEqualTo(new BigDecimal("46.00"));
    assertThat(order.get("order_created_at"))
        .isEqualTo(OffsetDateTime.of(2019, 1, 17, 22, 50, 6, 0, ZoneOffset.UTC));
    assertThat(order.get("order_scheduled")).isEqualTo(false);
    assertThat(order.get("items")).isEqualTo("[{\"name\":\"Pizza\"}]");
    assertThat(order.get("delivery_address_zip_code")).isEqualTo("01402");
    assertThat(order).doesNotContainKey("some_future_field");
  }

  @Test
  void csvStringsAreTyped() {
    Map<String, Object> restaurant =
        parsed(
            Dataset.RESTAURANT,
            """
        {"id":"r-1","created_at":"2017-01-23T12:52:30.000Z","enabled":"false","price_range":"3","average_ticket":"60.0",
         "takeout_time":"0","delivery_time":null,"minimum_order_value":"30.0","merchant_zip_code":"14025",
         "merchant_city":"RIBEIRAO PRETO","merchant_state":"SP","merchant_country":"BR"}""");
    assertThat(restaurant.get("enabled")).isEqualTo(false);
    assertThat(restaurant.get("price_range")).isEqualTo(3);
    assertThat(restaurant.get("average_ticket")).isEqualTo(new BigDecimal("60.00"));
    assertThat(restaurant.get("delivery_time")).isNull();
    Map<String, Object> consumer =
        parsed(
            Dataset.CONSUMER,
            """
        {"customer_id":"c-1","language":"pt-br","created_at":"2018-04-05T14:49:18.165Z","active":"true",
         "customer_name":null,"customer_phone_area":"16","customer_phone_number":"012345678"}""");
    assertThat(consumer.get("active")).isEqualTo(true);
    assertThat(consumer.get("customer_phone_number")).isEqualTo("012345678");
  }

  @Test
  void contractViolationsAreRejectedWithAReasonAndNoValue() {
    String status =
        "{\"created_at\":\"%s\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"%s\"}";
    assertThat(
            reason(
                parse(
                    Dataset.ORDER_STATUS, status.formatted("2019-01-17T22:50:06.000Z", "PLACED"))))
        .isEqualTo("parsed");
    assertThat(reason(parse(Dataset.ORDER_STATUS, status.formatted("yesterday", "PLACED"))))
        .isEqualTo("invalid-timestamp");
    assertThat(
            reason(parse(Dataset.ORDER_STATUS, status.formatted("2019-01-17T22:50:06", "PLACED"))))
        .as("no zone")
        .isEqualTo("invalid-timestamp");
    assertThat(
            reason(
                parse(
                    Dataset.ORDER_STATUS, status.formatted("2019-01-17T22:50:06.000Z", "UNKNOWN"))))
        .isEqualTo("invalid-value");
    assertThat(reason(parse(Dataset.ORDER_STATUS, "{\"order_id\":\"o-1\",\"value\":\"PLACED\"}")))
        .isEqualTo("missing-field");
    assertThat(reason(parse(Dataset.ORDER_STATUS, "[1]"))).isEqualTo("malformed-json");
    assertThat(reason(parse(Dataset.CONSUMER, "{\"customer_id\":\"c\",\"active\":\"maybe\"}")))
        .isEqualTo("invalid-boolean");
    assertThat(reason(parse(Dataset.RESTAURANT, "{\"id\":\"r\",\"price_range\":\"x\"}")))
        .isEqualTo("invalid-number");
    assertThat(reason(parse(Dataset.RESTAURANT, "{\"id\":\"r\",\"price_range\":\"9\"}")))
        .isEqualTo("invalid-value");
    assertThat(reason(parse(Dataset.RESTAURANT, "{\"id\":\"r\",\"takeout_time\":\"1.5\"}")))
        .isEqualTo("invalid-number");
    ParseResult money =
        parse(
            Dataset.ORDER,
            "{\"order_id\":\"o\",\"merchant_id\":\"m\",\"order_created_at\":\"2019-01-17T22:50:06.000Z\","
                + "\"order_total_amount\":\"12.345\"}");
    assertThat(reason(money)).isEqualTo("invalid-number");
    ParseResult zone =
        parse(
            Dataset.ORDER,
            "{\"order_id\":\"o\",\"merchant_id\":\"m\",\"order_created_at\":\"2019-01-17T22:50:06.000Z\","
                + "\"merchant_timezone\":\"Mars/Olympus\",\"cpf\":\"98765432100\"}");
    assertThat(reason(zone)).isEqualTo("invalid-value");
    assertThat(((ParseResult.Rejected) zone).detail())
        .doesNotContain("98765432100")
        .doesNotContain("Mars");
  }

  /** The parser reads a token stream, not a tree: the edges where the two could differ. */
  @Test
  void theTokenStreamReadsARecordAsAJsonTreeWould() {
    String status =
        "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"PLACED\"%s}";
    ParseResult withExtras =
        parse(
            Dataset.ORDER_STATUS,
            status.formatted(
                ",\"extra\":{\"a\":[1,{\"b\":[true,null]}],\"c\":\"}\"},\"more\":[[]]"));
    assertThat(reason(withExtras)).as("unknown nested fields are skipped").isEqualTo("parsed");
    ParseResult repeated = parse(Dataset.ORDER_STATUS, status.formatted(",\"order_id\":\"o-2\""));
    assertThat(((ParseResult.Parsed) repeated).values())
        .as("a repeated field keeps its last value")
        .containsEntry("order_id", "o-2");

    assertThat(detail(parse(Dataset.ORDER_STATUS, status.formatted("} {"))))
        .isEqualTo("the value is not JSON");
    assertThat(detail(parse(Dataset.ORDER_STATUS, status.formatted(",\"x\":[1,}"))))
        .isEqualTo("the value is not JSON");
    assertThat(detail(parse(Dataset.ORDER_STATUS, "{\"order_id\":\"o-1\"")))
        .isEqualTo("the value is not JSON");
    assertThat(detail(parse(Dataset.ORDER_STATUS, "[1] 2"))).isEqualTo("the value is not JSON");
    assertThat(detail(parse(Dataset.ORDER_STATUS, "[1,[2]]")))
        .isEqualTo("the value is not a JSON object");
    assertThat(detail(parse(Dataset.ORDER_STATUS, "\"text\"")))
        .isEqualTo("the value is not a JSON object");
    assertThat(detail(parse(Dataset.ORDER_STATUS, "null")))
        .isEqualTo("the value is not a JSON object");
    assertThat(detail(parse(Dataset.ORDER_STATUS, ""))).isEqualTo("the value is not a JSON object");

    String objectId =
        "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":{\"id\":\"o-1\"},\"status_id\":\"s-1\",\"value\":\"PLACED\"}";
    assertThat(detail(parse(Dataset.ORDER_STATUS, objectId)))
        .isEqualTo("field 'order_id': expected a string, found OBJECT");
    String arrayTime =
        "{\"created_at\":[\"2019-01-17T22:50:06.000Z\"],\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"PLACED\"}";
    assertThat(reason(parse(Dataset.ORDER_STATUS, arrayTime))).isEqualTo("invalid-timestamp");

    Map<String, Object> numbers =
        ((ParseResult.Parsed)
                parse(
                    Dataset.RESTAURANT,
                    "{\"id\":7,\"price_range\":2.0,\"takeout_time\":1e1,\"average_ticket\":46.0,\"minimum_order_value\":5,\"enabled\":false}"))
            .values();
    assertThat(numbers)
        .containsEntry("id", "7")
        .containsEntry("price_range", 2)
        .containsEntry("takeout_time", 10)
        .containsEntry("average_ticket", new BigDecimal("46.00"))
        .containsEntry("minimum_order_value", new BigDecimal("5.00"))
        .containsEntry("enabled", false);
    assertThat(
            reason(
                parse(Dataset.RESTAURANT, "{\"id\":\"r\",\"delivery_time\":99999999999999999999}")))
        .isEqualTo("invalid-number");
    assertThat(reason(parse(Dataset.RESTAURANT, "{\"id\":\"r\",\"enabled\":1}")))
        .isEqualTo("invalid-boolean");
  }

  private static String detail(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) result).detail();
  }

  /**
   * Every generated JSON line the ingestor would publish is typed, except exactly the generator's
   * WRONG_TYPES lines.
   */
  @Test
  void generatedDataTypesExceptExactlyTheWrongTypeLines(@TempDir Path dir) throws Exception {
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(3, 2_000, 0.05))
            .generate(new DirectorySink(dir));
    for (Dataset dataset : new Dataset[] {Dataset.ORDER, Dataset.ORDER_STATUS}) {
      FileManifest file =
          manifest.files().stream()
              .filter(f -> f.fileName().equals(dataset.fileName()))
              .findFirst()
              .orElseThrow();
      RawRecordParser parser = new RawRecordParser(dataset.contract());
      Map<String, Long> outcomes = new TreeMap<>();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(dir.resolve(dataset.fileName()))),
                  StandardCharsets.ISO_8859_1))) {
        String line;
        while ((line = reader.readLine()) != null) {
          byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
          if (!publishable(bytes, dataset.keyField())) {
            continue;
          }
          outcomes.merge(reason(parser.parse(bytes)), 1L, Long::sum);
        }
      }
      long wrongTypes = file.badLines().getOrDefault(BadLineKind.WRONG_TYPES, 0L);
      assertThat(wrongTypes).isPositive();
      long rejected =
          outcomes.entrySet().stream()
              .filter(e -> !e.getKey().equals("parsed"))
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertThat(rejected).as("%s rejections %s", dataset, outcomes).isEqualTo(wrongTypes);
      assertThat(outcomes.get("parsed")).isEqualTo(file.expectedPublished() - wrongTypes);
    }
  }

  /** What the file ingestor publishes: valid UTF-8, one JSON object, a non-empty key. */
  private static boolean publishable(byte[] line, String keyField) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line));
      JsonNode node = JSON.readTree(line);
      return node != null
          && node.isObject()
          && node.hasNonNull(keyField)
          && !node.get(keyField).asText().isEmpty();
    } catch (CharacterCodingException e) {
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
