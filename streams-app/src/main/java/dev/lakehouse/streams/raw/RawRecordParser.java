package dev.lakehouse.streams.raw;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.ValueRule;
import dev.lakehouse.streams.codec.Utf8Text;
import dev.lakehouse.streams.typing.BoundedNumbers;
import dev.lakehouse.streams.typing.InvalidNumberException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Types a source record (the JSON value the ingestor published) against its dataset's contract, and
 * applies the contract's value rules (one of a list, an IANA zone, a range) to the typed values.
 * JSON sources carry JSON types, CSV sources strings: both are accepted for every typed field.
 * Fields the contract does not know are ignored; a contract field that is absent is null.
 *
 * <p>Total over its input: any byte array gives a {@link ParseResult}, never an exception, in time
 * bounded by its length. A value its column cannot hold is rejected here, never left to fail in the
 * Parquet writer: numbers beyond the column's range, precision or scale (through {@link
 * BoundedNumbers}, which never scales a huge exponent), timestamps outside the years {@value
 * #MIN_YEAR}-{@value #MAX_YEAR} that every engine reading the lake can hold. A JSON number bound
 * for a column that is not a double keeps its literal text, so that a decimal or an integer is read
 * from what the source wrote, not from a double on the way.
 */
public final class RawRecordParser {
  /**
   * Parsed as a stream of tokens: only the contract's fields become values, and trailing tokens are
   * refused.
   */
  private static final JsonFactory JSON = new JsonFactory();

  static final int MIN_YEAR = 1;
  static final int MAX_YEAR = 9999;

  /** Longer than any ISO-8601 timestamp with nanoseconds and a region id. */
  private static final int MAX_TIMESTAMP_CHARS = 64;

  private static final ParseResult NOT_JSON =
      new ParseResult.Rejected(DatasetContract.MALFORMED_JSON, "the value is not JSON");
  private static final ParseResult NOT_AN_OBJECT =
      new ParseResult.Rejected(DatasetContract.MALFORMED_JSON, "the value is not a JSON object");

  private final List<String> fieldList;
  private final String[] fields;
  private final Types.NestedField[] columns;
  private final boolean[] stringColumn;
  private final boolean[] doubleColumn;
  private final Map<String, Integer> indexByName = new HashMap<>();

  /** The contract's value rules, by field index (an empty array for a field without any). */
  private final ValueRule[][] rules;

  /**
   * The dead-letter reason of a value that cannot be typed, by field index: its contract type's.
   */
  private final String[] invalidReasons;

  public RawRecordParser(DatasetContract dataset) {
    Schema schema = RawTables.schema(dataset);
    this.fieldList = List.copyOf(dataset.fieldNames());
    this.fields = fieldList.toArray(String[]::new);
    for (int i = 0; i < fields.length; i++) {
      indexByName.put(fields[i], i);
    }
    this.invalidReasons =
        dataset.fields().stream().map(f -> f.type().invalidReason()).toArray(String[]::new);
    this.rules =
        dataset.fields().stream()
            .map(f -> f.rules().toArray(ValueRule[]::new))
            .toArray(ValueRule[][]::new);
    this.columns =
        dataset.fieldNames().stream().map(schema::findField).toArray(Types.NestedField[]::new);
    this.stringColumn = new boolean[columns.length];
    this.doubleColumn = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      stringColumn[i] = isString(columns[i].type());
      doubleColumn[i] = columns[i].type().typeId() == Type.TypeID.DOUBLE;
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
          nodes[index] = node(json, token, doubleColumn[index]);
          texts[index] = null;
        }
      }
      if (json.nextToken() != null) {
        return NOT_JSON;
      }
    } catch (IOException | RuntimeException e) {
      // Jackson reports malformed input and its read limits (number length, nesting depth) as
      // IOExceptions;
      // a runtime exception from the tokenizer is malformed input too, never a reason to stop the
      // stage
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
      if (node == null
          || node.isNull()
          || (node.isTextual() && node.asText().isEmpty() && !isString(column.type()))) {
        if (column.isRequired()) {
          return new ParseResult.Rejected(
              DatasetContract.MISSING_FIELD, "required field '" + field + "' is absent or null");
        }
        continue;
      }
      try {
        values[i] = convert(field, column.type(), node);
      } catch (FieldException e) {
        return new ParseResult.Rejected(
            invalidReasons[i], "field '" + field + "': " + e.getMessage());
      }
    }
    return validate(values);
  }

  /**
   * The value at the parser as a JSON tree node: a number bound for a double column as a double
   * node (read directly, the fast path), any other number as a text node of its literal; an object
   * or an array is skipped and stands as an empty one, since only its kind matters.
   */
  private static JsonNode node(JsonParser json, JsonToken token, boolean doubleColumn)
      throws IOException {
    return switch (token) {
      case VALUE_STRING -> TextNode.valueOf(json.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          doubleColumn
              ? DoubleNode.valueOf(json.getDoubleValue())
              : TextNode.valueOf(json.getText());
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

  /**
   * The string at the parser: a slice of {@code value} (or a copy without its escapes), else
   * Jackson's String.
   */
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

  /** The contract's value rules on the typed values: the first broken one refuses the record. */
  private ParseResult validate(Object[] values) {
    for (int i = 0; i < fields.length; i++) {
      if (rules[i].length == 0 || values[i] == null) {
        continue;
      }
      Object value = stringColumn[i] ? Utf8Text.text(values[i]) : values[i];
      for (ValueRule rule : rules[i]) {
        if (!rule.admits(value)) {
          return new ParseResult.Rejected(
              ValueRule.REASON, "field '" + fields[i] + "' " + rule.describe());
        }
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
          throw new FieldException("expected a string, found " + node.getNodeType());
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
        throw new FieldException("expected true or false");
      }
      case INTEGER -> {
        try {
          yield BoundedNumbers.toInt(number(node));
        } catch (InvalidNumberException e) {
          throw new FieldException(e.getMessage());
        }
      }
      case LONG -> {
        try {
          yield BoundedNumbers.toLong(number(node));
        } catch (InvalidNumberException e) {
          throw new FieldException(e.getMessage());
        }
      }
      case DOUBLE -> {
        // a JSON number is read as a double directly: the same value as through BigDecimal, without
        // the round trip
        if (node.isNumber()) {
          double d = node.doubleValue();
          if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw new FieldException("out of the range of a double");
          }
          yield d;
        }
        try {
          yield BoundedNumbers.toDouble(number(node));
        } catch (InvalidNumberException e) {
          throw new FieldException(e.getMessage());
        }
      }
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        try {
          yield BoundedNumbers.fit(number(node), decimal.precision(), decimal.scale());
        } catch (InvalidNumberException e) {
          throw new FieldException(e.getMessage());
        }
      }
      case TIMESTAMP -> {
        if (!node.isTextual()) {
          throw new FieldException("expected an ISO-8601 timestamp string");
        }
        String text = node.asText();
        if (text.length() > MAX_TIMESTAMP_CHARS) {
          throw new FieldException("longer than " + MAX_TIMESTAMP_CHARS + " characters");
        }
        OffsetDateTime time;
        try {
          time = IsoTimestamps.parseUtc(text);
        } catch (DateTimeException e) {
          throw new FieldException("not an ISO-8601 timestamp with a zone or offset");
        }
        if (time.getYear() < MIN_YEAR || time.getYear() > MAX_YEAR) {
          throw new FieldException("outside the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        yield time;
      }
      default -> throw new IllegalStateException("no conversion for " + type + " (" + field + ")");
    };
  }

  /**
   * A number node's or a text's decimal value (a JSON number not bound for a double column is a
   * text of its literal).
   */
  private static BigDecimal number(JsonNode node) throws FieldException {
    try {
      if (node.isNumber()) {
        double d = node.doubleValue();
        if (Double.isInfinite(d) || Double.isNaN(d)) {
          throw new FieldException("out of the range of a double");
        }
        return BigDecimal.valueOf(d);
      }
      if (node.isTextual()) {
        return BoundedNumbers.parse(node.asText());
      }
    } catch (InvalidNumberException e) {
      throw new FieldException(e.getMessage());
    }
    throw new FieldException("expected a number, found " + node.getNodeType());
  }

  /** A field that cannot be typed. */
  private static final class FieldException extends Exception {
    private static final long serialVersionUID = 1L;

    FieldException(String message) {
      super(message, null, false, false);
    }
  }
}
