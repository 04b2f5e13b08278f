package dev.lakehouse.common.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one contract file (YAML) into a {@link DatasetContract} and checks it whole: every key
 * known, every name fit for a topic and a column, the key a string field, each rule on a type it
 * applies to, the layout on fields the contract has. No I/O: it is given the file's text and the
 * name to report it by.
 */
public final class ContractFileReader {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /** Domains and dataset names become parts of topic and table names. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /**
   * A file stem ends where a name's first dot, dash or underscore is: a date or part suffix may
   * follow it.
   */
  private static final Pattern FILE_STEM = Pattern.compile("[a-z][a-z0-9]{0,63}");

  /** Field names become column names; a leading underscore is kept for the lineage columns. */
  private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

  private static final Set<String> TOP_KEYS =
      Set.of("domain", "name", "source", "key", "fields", "partitioning", "sort-order");
  private static final Set<String> SOURCE_KEYS = Set.of("format", "file");
  private static final Set<String> FIELD_KEYS =
      Set.of("name", "type", "required", "personal", "plain-encoded", "rules");
  private static final Set<String> RULE_KEYS = Set.of("enum", "zone", "range");
  private static final Set<String> RANGE_KEYS = Set.of("min", "max");
  private static final Set<String> PARTITION_KEYS = Set.of("field", "transform");

  private final String file;

  private ContractFileReader(String file) {
    this.file = file;
  }

  /** The contract {@code text} declares; {@code file} names it in every message. */
  public static DatasetContract read(String file, String text) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ContractException(
          file
              + ": not a YAML document: "
              + e.getOriginalMessage()
              + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""),
          e);
    }
    return new ContractFileReader(file).contract(root);
  }

  private DatasetContract contract(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw fail("the file must be a YAML mapping with domain, name, source, key and fields");
    }
    knownKeys(root, TOP_KEYS, "");
    String domain = name(root, "domain");
    String name = name(root, "name");
    JsonNode source = required(root, "source", "");
    if (!source.isObject()) {
      throw fail("'source' must be a mapping with format and file");
    }
    knownKeys(source, SOURCE_KEYS, "source: ");
    SourceFormat format = format(text(source, "format", "source: "));
    String fileStem = source.has("file") ? text(source, "file", "source: ") : name;
    if (!FILE_STEM.matcher(fileStem).matches()) {
      throw fail(
          "source: file '"
              + fileStem
              + "' must be lower case letters and digits, starting with a letter: a dot, "
              + "dash or underscore starts a file name's suffix (order-2019-01-17.json.gz is a file of 'order')");
    }
    List<FieldContract> fields = fields(required(root, "fields", ""));
    Set<String> names = new HashSet<>();
    for (FieldContract field : fields) {
      if (!names.add(field.name())) {
        throw fail("field '" + field.name() + "' is declared twice");
      }
    }
    String key = text(root, "key", "");
    FieldContract keyField =
        fields.stream()
            .filter(f -> f.name().equals(key))
            .findFirst()
            .orElseThrow(() -> fail("key '" + key + "' is not one of the fields"));
    if (keyField.type().kind() != FieldType.Kind.STRING) {
      throw fail(
          "field '"
              + key
              + "': the key must be a string (its value keys the Kafka records), not "
              + keyField.type());
    }
    if (!keyField.required()) {
      // the key is required whatever the file says: a record without one cannot be keyed
      fields =
          fields.stream()
              .map(
                  f ->
                      f == keyField
                          ? new FieldContract(
                              f.name(), f.type(), true, f.personal(), f.plainEncoded(), f.rules())
                          : f)
              .toList();
    }
    List<PartitionField> partitioning = partitioning(root.get("partitioning"), fields);
    List<String> sortOrder = sortOrder(root.get("sort-order"), names);
    return new DatasetContract(
        domain, name, format, fileStem, key, fields, partitioning, sortOrder);
  }

  private List<FieldContract> fields(JsonNode list) {
    if (!list.isArray() || list.isEmpty()) {
      throw fail("'fields' must be a list of at least one field");
    }
    List<FieldContract> fields = new ArrayList<>();
    int position = 0;
    for (JsonNode node : list) {
      position++;
      if (!node.isObject()) {
        throw fail("field " + position + " must be a mapping with name and type");
      }
      String name =
          node.has("name") && node.get("name").isTextual() ? node.get("name").asText() : null;
      if (name == null) {
        throw fail("field " + position + ": 'name' is missing or not a string");
      }
      String where = "field '" + name + "': ";
      if (!FIELD.matcher(name).matches()) {
        throw fail(
            where
                + "a name must be letters, digits and '_', starting with a letter, at most 128 characters");
      }
      knownKeys(node, FIELD_KEYS, where);
      FieldType type;
      try {
        type = FieldType.parse(text(node, "type", where));
      } catch (IllegalArgumentException e) {
        throw fail(where + e.getMessage());
      }
      List<ValueRule> rules = rules(node.get("rules"), type, where);
      fields.add(
          new FieldContract(
              name,
              type,
              flag(node, "required", where),
              flag(node, "personal", where),
              flag(node, "plain-encoded", where),
              rules));
    }
    return fields;
  }

  private List<ValueRule> rules(JsonNode node, FieldType type, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      throw fail(where + "'rules' must be a mapping of enum, zone or range");
    }
    knownKeys(node, RULE_KEYS, where + "rules: ");
    List<ValueRule> rules = new ArrayList<>();
    try {
      JsonNode values = node.get("enum");
      if (values != null) {
        if (type.kind() != FieldType.Kind.STRING) {
          throw fail(where + "an enum rule applies to a string field, not to " + type);
        }
        if (!values.isArray()) {
          throw fail(where + "rules: enum must be a list of strings");
        }
        List<String> texts = new ArrayList<>();
        values.forEach(
            v -> {
              if (!v.isTextual()) {
                throw fail(where + "rules: enum must be a list of strings");
              }
              texts.add(v.asText());
            });
        rules.add(new ValueRule.OneOf(texts));
      }
      JsonNode zone = node.get("zone");
      if (zone != null) {
        if (!zone.isTextual() || !zone.asText().equals("iana")) {
          throw fail(where + "rules: zone must be 'iana' (the only zone rule)");
        }
        if (type.kind() != FieldType.Kind.STRING) {
          throw fail(where + "a zone rule applies to a string field, not to " + type);
        }
        rules.add(new ValueRule.IanaZone());
      }
      JsonNode range = node.get("range");
      if (range != null) {
        if (!type.numeric()) {
          throw fail(where + "a range rule applies to a number field, not to " + type);
        }
        if (!range.isObject()) {
          throw fail(where + "rules: range must be a mapping of min and max");
        }
        knownKeys(range, RANGE_KEYS, where + "rules: range: ");
        rules.add(new ValueRule.Range(bound(range, "min", where), bound(range, "max", where)));
      }
    } catch (IllegalArgumentException e) {
      // a rule's own check: an empty enum, a value twice, min above max
      throw fail(where + "rules: " + e.getMessage());
    }
    return rules;
  }

  private BigDecimal bound(JsonNode range, String key, String where) {
    JsonNode value = range.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw fail(where + "rules: range: " + key + " must be a number");
    }
    return value.decimalValue();
  }

  private List<PartitionField> partitioning(JsonNode list, List<FieldContract> fields) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw fail("'partitioning' must be a list of {field, transform}");
    }
    List<PartitionField> partitioning = new ArrayList<>();
    for (JsonNode node : list) {
      if (!node.isObject()) {
        throw fail("'partitioning' must be a list of {field, transform}");
      }
      knownKeys(node, PARTITION_KEYS, "partitioning: ");
      String name = text(node, "field", "partitioning: ");
      FieldContract field =
          fields.stream()
              .filter(f -> f.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () -> fail("partitioning: field '" + name + "' is not one of the fields"));
      PartitionField.Transform transform;
      try {
        transform =
            PartitionField.Transform.parse(
                text(node, "transform", "partitioning: field '" + name + "': "));
      } catch (IllegalArgumentException e) {
        throw fail("partitioning: field '" + name + "': " + e.getMessage());
      }
      if (transform.onTime() && field.type().kind() != FieldType.Kind.TIMESTAMPTZ) {
        throw fail(
            "partitioning: field '"
                + name
                + "': "
                + transform
                + " applies to a timestamptz field, not to "
                + field.type());
      }
      partitioning.add(new PartitionField(name, transform));
    }
    return partitioning;
  }

  private List<String> sortOrder(JsonNode list, Set<String> names) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw fail("'sort-order' must be a list of field names");
    }
    List<String> order = new ArrayList<>();
    for (JsonNode node : list) {
      String name = node.isTextual() ? node.asText() : null;
      if (name == null || !names.contains(name)) {
        throw fail("sort-order: '" + (name == null ? node : name) + "' is not one of the fields");
      }
      if (order.contains(name)) {
        throw fail("sort-order: '" + name + "' is listed twice");
      }
      order.add(name);
    }
    return order;
  }

  private String name(JsonNode root, String key) {
    String value = text(root, key, "");
    if (!NAME.matcher(value).matches()) {
      throw fail(
          key
              + " '"
              + value
              + "' must be lower case letters, digits and '_', starting with a letter (it names topics and tables)");
    }
    return value;
  }

  private SourceFormat format(String text) {
    return switch (text) {
      case "json-lines" -> SourceFormat.JSON_LINES;
      case "csv" -> SourceFormat.CSV;
      default -> throw fail("source: format '" + text + "' is not json-lines or csv");
    };
  }

  private JsonNode required(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw fail(where + "'" + key + "' is missing");
    }
    return value;
  }

  private String text(JsonNode node, String key, String where) {
    JsonNode value = required(node, key, where);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw fail(where + "'" + key + "' must be a non-empty string");
    }
    return value.asText().trim();
  }

  private boolean flag(JsonNode node, String key, String where) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw fail(where + "'" + key + "' must be true or false");
    }
    return value.booleanValue();
  }

  private void knownKeys(JsonNode node, Set<String> known, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!known.contains(key)) {
        throw fail(
            where
                + "unknown key '"
                + key
                + "'; known: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private ContractException fail(String message) {
    return new ContractException(file + ": " + message);
  }
}
