package dev.lakehouse.common.contract;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A source dataset as its contract file declares it: where its records come from, their fields with
 * types and rules, and the layout of its raw table. The one declaration from which its topic, raw
 * table, parser rules and dead-letter reasons follow.
 *
 * @param domain the source domain, e.g. {@code food}: the middle of its topic's name
 * @param name the dataset's name in topics and tables, e.g. {@code order_status}
 * @param format how its source files hold records
 * @param fileStem the start of its source files' names, e.g. {@code status} for {@code
 *     status.json.gz}
 * @param key the field whose value keys its Kafka records
 * @param fields its fields in source order
 * @param partitioning its raw table's partition spec (empty: unpartitioned)
 * @param sortOrder the fields its raw table is sorted by, ascending, in this order
 */
public record DatasetContract(
    String domain,
    String name,
    SourceFormat format,
    String fileStem,
    String key,
    List<FieldContract> fields,
    List<PartitionField> partitioning,
    List<String> sortOrder) {
  /** The dead-letter reason of a record that is not a JSON object. */
  public static final String MALFORMED_JSON = "malformed-json";

  /** The dead-letter reason of a record without a required field. */
  public static final String MISSING_FIELD = "missing-field";

  /** The first part of every source topic's name. */
  public static final String SOURCE_TOPIC_PREFIX = "src.";

  public DatasetContract {
    fields = List.copyOf(fields);
    partitioning = List.copyOf(partitioning);
    sortOrder = List.copyOf(sortOrder);
  }

  /** The Kafka topic its records are published to, e.g. {@code src.food.order}. */
  public String topic() {
    return SOURCE_TOPIC_PREFIX + domain + "." + name;
  }

  /**
   * The dataset name of a source topic ({@code src.<domain>.<name>}: domains and names hold no
   * dot), or empty for any other topic.
   */
  public static Optional<String> nameOfSourceTopic(String topic) {
    if (!topic.startsWith(SOURCE_TOPIC_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = topic.substring(SOURCE_TOPIC_PREFIX.length()).split("\\.", -1);
    return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
        ? Optional.of(parts[1])
        : Optional.empty();
  }

  public List<String> fieldNames() {
    return fields.stream().map(FieldContract::name).toList();
  }

  public Optional<FieldContract> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /**
   * The reasons a record of this dataset can be refused for by the raw stage, in a stable order.
   */
  public Set<String> deadLetterReasons() {
    Set<String> reasons = new LinkedHashSet<>();
    reasons.add(MALFORMED_JSON);
    reasons.add(MISSING_FIELD);
    fields.forEach(f -> reasons.add(f.type().invalidReason()));
    if (fields.stream().anyMatch(f -> !f.rules().isEmpty())) {
      reasons.add(ValueRule.REASON);
    }
    return reasons;
  }
}
