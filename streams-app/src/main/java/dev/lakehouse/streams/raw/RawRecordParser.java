package dev.lakehouse.streams.raw;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.codec.Utf8Text;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Types a source record (the JSON value the ingestor published) against its dataset's contract. JSON
 * sources carry JSON types, CSV sources strings: both are accepted for every typed field. Fields the
 * contract does not know are ignored; a contract field that is absent is null.
 */
public final class RawRecordParser {
  /** Parsed as a stream of tokens: only the contract's fields become values, and trailing tokens are refused. */
  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> STATUS_VALUES = Set.of("REGISTERED", "PLACED", "CONCLUDED", "CANCELLED");

  private static final ParseResult NOT_JSON = new ParseResult.Rejected("malformed-json", "the value is not JSON");
  private static final ParseResult NOT_AN_OBJECT = new ParseResult.Rejected("malformed-json", "the value is not a JSON object");

  private final Dataset dataset;
  private final List<String> fieldList;
  private final String[] fields;
  private final Types.NestedField[] columns;
  private final boolean[] stringColumn;
  private final Map<String, Integer> indexByName = new HashMap<>();
  private final int statusValue;
  private final int merchantTimezone;
  private final int priceRange;

  public RawRecordParser(Dataset dataset) {
    this.dataset = dataset;
    Schema schema = RawTables.schema(dataset);
    this.fieldList = List.copyOf(dataset.fieldNames());
    this.fields = fieldList.toArray(String[]::new);
    for (int i = 0; i < fields.length; i++) {
      indexByName.put(fields[i], i);
    }
    this.statusValue = fieldList.indexOf("value");
    this.merchantTimezone = fieldList.indexOf("merchant_timezone");
    this.priceRange = fieldList.indexOf("price_range");
    this.columns = dataset.fieldNames().stream().map(schema::findField).toArray(Types.NestedField[]::new);
    this.stringColumn = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      stringColumn[i] = isString(columns[i].type());
    }
  }

  public ParseResult parse(byte[] value) {
    JsonNode[] nodes = new JsonNode[fields.length];
    // a JSON string in a string column is kept as its UTF-8 bytes, with no String in between
    Object[] texts = new Object[fields.length];
    try (JsonParser json = JSON.createParser(value)) {
      JsonToken first = json.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first != null) {
          json.skipChildren();
          if (json.nextToken() != null) {
            return NOT_JSON;
          }
        }
        return NOT_AN_OBJECT;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        Integer index = indexByName.get(json.currentName());
        JsonToken token = json.nextToken();
        if (index == null) {
          json.skipChildren();
        } else if (token == JsonToken.VALUE_STRING && stringColumn[index]) {
          // a repeated field keeps its last value, as a JSON tree would
          texts[index] = text(json, value);
          nodes[index] = null;
        } else {
          nodes[index] = node(json, token);
          texts[index] = null;
        }
      }
      if (json.nextToken() != null) {
        return NOT_JSON;
      }
    } catch (IOException e) {
      return NOT_JSON;
    }
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      if (texts[i] != null) {
        values[i] = texts[i];
        continue;
      }
      String field = fields[i];
      JsonNode node = nodes[i];
      Types.NestedField column = columns[i];
      if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty() && !isString(column.type()))) {
        if (column.isRequired()) {
          return new ParseResult.Rejected("missing-field", "required field '" + field + "' is absent or null");
        }
        continue;
      }
      try {
        values[i] = convert(field, column.type(), node);
      } catch (FieldException e) {
        return new ParseResult.Rejected(e.reason, "field '" + field + "': " + e.getMessage());
      }
    }
    return validate(values);
  }

  /**
   * The value at the parser as the JSON tree would hold it (numbers as int, long, big integer or double
   * nodes); an object or an array is skipped and stands as an empty one, since only its kind matters.
   */
  private static JsonNode node(JsonParser json, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> TextNode.valueOf(json.getText());
      case VALUE_NUMBER_INT -> switch (json.getNumberType()) {
        case INT -> IntNode.valueOf(json.getIntValue());
        case LONG -> LongNode.valueOf(json.getLongValue());
        default -> BigIntegerNode.valueOf(json.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> DoubleNode.valueOf(json.getDoubleValue());
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      case VALUE_NULL -> NullNode.getInstance();
      case START_OBJECT -> {
        json.skipChildren();
        yield JsonNodeFactory.instance.objectNode();
      }
      case START_ARRAY -> {
        json.skipChildren();
        yield JsonNodeFactory.instance.arrayNode();
      }
      default -> throw new IOException("unexpected " + token);
    };
  }

  /** The string at the parser: a slice of {@code value} (or a copy without its escapes), else Jackson's String. */
  private static Object text(JsonParser json, byte[] value) throws IOException {
    long quote = json.currentTokenLocation().getByteOffset();
    if (quote >= 0 && quote < value.length && value[(int) quote] == '"') {
      Utf8Text text = JsonStringBytes.read(value, (int) quote);
      if (text != null) {
        // Jackson steps over the string (and checks it) on the next token
        return text;
      }
    }
    return json.getText();
  }

  private ParseResult validate(Object[] values) {
    switch (dataset) {
      case ORDER_STATUS -> {
        if (!STATUS_VALUES.contains(Utf8Text.text(values[statusValue]))) {
          return new ParseResult.Rejected("invalid-value", "field 'value' is not one of " + STATUS_VALUES);
        }
      }
      case ORDER -> {
        Object zone = values[merchantTimezone];
        if (zone != null) {
          try {
            ZoneId.of(Utf8Text.text(zone));
          } catch (DateTimeException e) {
            return new ParseResult.Rejected("invalid-value", "field 'merchant_timezone' is not an IANA time zone");
          }
        }
      }
      case RESTAURANT -> {
        Integer range = (Integer) values[priceRange];
        if (range != null && (range < 1 || range > 5)) {
          return new ParseResult.Rejected("invalid-value", "field 'price_range' is outside 1..5");
        }
      }
      case CONSUMER -> {
        // the contract sets no value rules beyond the types
      }
    }
    return new ParseResult.Parsed(fieldList, values);
  }

  private static boolean isString(Type type) {
    return type.typeId() == Type.TypeID.STRING;
  }

  private static Object convert(String field, Type type, JsonNode node) throws FieldException {
    return switch (type.typeId()) {
      case STRING -> {
        if (!node.isValueNode()) {
          throw new FieldException("invalid-type", "expected a string, found " + node.getNodeType());
        }
        yield node.asText();
      }
      case BOOLEAN -> {
        if (node.isBoolean()) {
          yield node.booleanValue();
        }
        String text = node.asText();
        if (node.isTextual() && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
          yield Boolean.parseBoolean(text);
        }
        throw new FieldException("invalid-boolean", "expected true or false");
      }
      case INTEGER -> {
        BigDecimal number = number(node);
        try {
          yield number.intValueExact();
        } catch (ArithmeticException e) {
          throw new FieldException("invalid-number", "expected a whole number");
        }
      }
      case DOUBLE -> {
        // a JSON number is read as a double directly: the same value as through BigDecimal, without the round trip
        double d = node.isNumber() ? node.doubleValue() : number(node).doubleValue();
        if (Double.isInfinite(d)) {
          throw new FieldException("invalid-number", "out of range");
        }
        yield d;
      }
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        BigDecimal amount;
        try {
          amount = number(node).setScale(decimal.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
          throw new FieldException("invalid-number", "more than " + decimal.scale() + " decimal places");
        }
        if (amount.precision() > decimal.precision()) {
          throw new FieldException("invalid-number", "more than " + decimal.precision() + " digits");
        }
        yield amount;
      }
      case TIMESTAMP -> {
        if (!node.isTextual()) {
          throw new FieldException("invalid-timestamp", "expected an ISO-8601 timestamp string");
        }
        try {
          yield IsoTimestamps.parseUtc(node.asText());
        } catch (DateTimeException e) {
          throw new FieldException("invalid-timestamp", "not an ISO-8601 timestamp with a zone or offset");
        }
      }
      default -> throw new IllegalStateException("no conversion for " + type + " (" + field + ")");
    };
  }

  private static BigDecimal number(JsonNode node) throws FieldException {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.asText().trim());
      } catch (NumberFormatException e) {
        throw new FieldException("invalid-number", "not a number");
      }
    }
    throw new FieldException("invalid-number", "expected a number, found " + node.getNodeType());
  }

  /** A field that cannot be typed. */
  private static final class FieldException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    FieldException(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}
