package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.codec.Utf8Text;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStringBytesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * JSON string literals (as they appear in a record), from the common case to what only Jackson
   * reads.
   */
  private static final List<String> LITERALS =
      List.of(
          "\"\"",
          "\"plain ascii 123\"",
          "\"[{\\\"name\\\": \\\"PIZZA\\\", \\\"quantity\\\": 1.00}]\"",
          "\"all short escapes: \\\" \\\\ \\/ \\b \\f \\n \\r \\t end\"",
          "\"ends with an escape \\\\\"",
          "\"\\\"\"",
          "\"S\u00c3O PAULO\"",
          "\"emoji \uD83C\uDF55 pizza\"",
          "\"unicode escape \\u00e9 and \\uD83C\\uDF55\"",
          "\"a lone surrogate \\uD83C\"");

  @Test
  void readsEveryStringItTakesAsJacksonDoesAndLeavesTheRestToIt() throws Exception {
    int taken = 0;
    for (String literal : LITERALS) {
      byte[] record = ("{\"f\":" + literal + "}").getBytes(StandardCharsets.UTF_8);
      Utf8Text text = JsonStringBytes.read(record, 5);
      if (text == null) {
        continue;
      }
      taken++;
      String expected = JSON.readTree(literal).textValue();
      assertThat(text.toString()).as(literal).isEqualTo(expected);
      assertThat(text).as(literal).isEqualTo(Utf8Text.of(expected));
    }
    assertThat(taken)
        .as("well-formed UTF-8 with short escapes is read from the bytes")
        .isEqualTo(8);
  }

  @Test
  void leavesToJacksonWhatItDoesNotTake() {
    for (String json :
        List.of(
            "\"\\u0041\"",
            "\"tab\tinside\"",
            "\"no end",
            "\"escape at the end\\",
            "\"bad \\x escape\"")) {
      assertThat(JsonStringBytes.read(json.getBytes(StandardCharsets.UTF_8), 0)).as(json).isNull();
    }
  }

  @Test
  void leavesBytesThatAreNotWellFormedUtf8ToJackson() {
    int[][] broken = {
      {0x80}, // a continuation byte with no lead
      {0xC0, 0xAF}, // an overlong form
      {0xC3}, // cut short
      {0xE2, 0x82}, // cut short
      {0xED, 0xA0, 0x80}, // a surrogate
      {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
      {0xF5, 0x80, 0x80, 0x80}, // no such lead byte
      {0xC3, 0x28}, // a lead byte followed by ASCII
    };
    for (int[] sequence : broken) {
      byte[] json = new byte[sequence.length + 3];
      json[0] = '"';
      json[1] = 'a';
      for (int i = 0; i < sequence.length; i++) {
        json[2 + i] = (byte) sequence[i];
      }
      json[json.length - 1] = '"';
      assertThat(JsonStringBytes.read(json, 0)).as(java.util.Arrays.toString(sequence)).isNull();
    }
    byte[] wellFormed =
        "\"S\u00c3O JO\u00c3O \uD83C\uDF55 \u20ac\"".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonStringBytes.read(wellFormed, 0))
        .hasToString("S\u00c3O JO\u00c3O \uD83C\uDF55 \u20ac");
  }

  @Test
  void theParserGivesTheSameValuesThroughEitherPath() {
    RawRecordParser parser = new RawRecordParser(Dataset.ORDER_STATUS.contract());
    for (String id :
        List.of("o-1", "o-\\\"quoted\\\"", "S\u00c3O", "\\u00e9t\\u00e9", "line\\nbreak", "")) {
      String record =
          "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\""
              + id
              + "\",\"status_id\":\"s-1\",\"value\":\"PLACED\"}";
      ParseResult result = parser.parse(record.getBytes(StandardCharsets.UTF_8));
      assertThat(result).as(record).isInstanceOf(ParseResult.Parsed.class);
      Object expected;
      try {
        expected = JSON.readTree(record).get("order_id").textValue();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      assertThat(((ParseResult.Parsed) result).values())
          .as(record)
          .containsEntry("order_id", expected);
    }
  }

  @Test
  void theParserHoldsAnAsciiStringAsItsBytesAndAnotherAsAString() {
    RawRecordParser parser = new RawRecordParser(Dataset.ORDER_STATUS.contract());
    String record =
        "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-\\\"1\\\"\",\"status_id\":\"s-\\u00e9\",\"value\":\"PLACED\"}";
    ParseResult.Parsed parsed =
        (ParseResult.Parsed) parser.parse(record.getBytes(StandardCharsets.UTF_8));
    int orderId = parsed.fields().indexOf("order_id");
    int statusId = parsed.fields().indexOf("status_id");
    assertThat(parsed.ordered()[orderId]).isEqualTo(Utf8Text.of("o-\"1\""));
    assertThat(parsed.ordered()[statusId])
        .as("a Unicode escape is Jackson's")
        .isEqualTo("s-\u00e9");
  }

  @Test
  void aStringThatBreaksJsonIsStillRejected() {
    RawRecordParser parser = new RawRecordParser(Dataset.ORDER_STATUS.contract());
    for (String broken :
        List.of(
            "{\"order_id\":\"o-1\\x\",\"status_id\":\"s\",\"value\":\"PLACED\",\"created_at\":\"2019-01-17T22:50:06.000Z\"}",
            "{\"order_id\":\"o-1",
            "{\"order_id\":\"o-1\" \"status_id\":\"s\"}")) {
      ParseResult result = parser.parse(broken.getBytes(StandardCharsets.UTF_8));
      assertThat(result).as(broken).isInstanceOf(ParseResult.Rejected.class);
      assertThat(((ParseResult.Rejected) result).reason()).as(broken).isEqualTo("malformed-json");
    }
  }
}
