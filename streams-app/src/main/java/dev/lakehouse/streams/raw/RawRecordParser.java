package dev.lakehouse.streams.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
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
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> STATUS_VALUES = Set.of("REGISTERED", "PLACED", "CONCLUDED", "CANCELLED");

  private final Dataset dataset;
  private final String[] fields;
  private final Types.NestedField[] columns;

  public RawRecordParser(Dataset dataset) {
    this.dataset = dataset;
    Schema schema = RawTables.schema(dataset);
    this.fields = dataset.fieldNames().toArray(String[]::new);
    this.columns = dataset.fieldNames().stream().map(schema::findField).toArray(Types.NestedField[]::new);
  }

  public ParseResult parse(byte[] value) {
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (IOException e) {
      return new ParseResult.Rejected("malformed-json", "the value is not JSON");
    }
    if (root == null || !root.isObject()) {
      return new ParseResult.Rejected("malformed-json", "the value is not a JSON object");
    }
    Map<String, Object> values = new HashMap<>(fields.length * 2);
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i];
      JsonNode node = root.get(field);
      Types.NestedField column = columns[i];
      if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty() && !isString(column.type()))) {
        if (column.isRequired()) {
          return new ParseResult.Rejected("missing-field", "required field '" + field + "' is absent or null");
        }
        values.put(field, null);
        continue;
      }
      try {
        values.put(field, convert(field, column.type(), node));
      } catch (FieldException e) {
        return new ParseResult.Rejected(e.reason, "field '" + field + "': " + e.getMessage());
      }
    }
    return validate(values);
  }

  private ParseResult validate(Map<String, Object> values) {
    switch (dataset) {
      case ORDER_STATUS -> {
        if (!STATUS_VALUES.contains((String) values.get("value"))) {
          return new ParseResult.Rejected("invalid-value", "field 'value' is not one of " + STATUS_VALUES);
        }
      }
      case ORDER -> {
        Object zone = values.get("merchant_timezone");
        if (zone != null) {
          try {
            ZoneId.of((String) zone);
          } catch (DateTimeException e) {
            return new ParseResult.Rejected("invalid-value", "field 'merchant_timezone' is not an IANA time zone");
          }
        }
      }
      case RESTAURANT -> {
        Integer range = (Integer) values.get("price_range");
        if (range != null && (range < 1 || range > 5)) {
          return new ParseResult.Rejected("invalid-value", "field 'price_range' is outside 1..5");
        }
      }
      case CONSUMER -> {
        // the contract sets no value rules beyond the types
      }
    }
    return new ParseResult.Parsed(values);
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
        double d = number(node).doubleValue();
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
