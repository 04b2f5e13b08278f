package dev.lakehouse.common.contract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The source datasets (../shared/specs/source-data.md): file name, format, fields in source order,
 * the natural key that keys their Kafka records, and the topic they are published to.
 */
public enum Dataset {
  ORDER(
      "food", "order", "order", SourceFormat.JSON_LINES, "order_id",
      List.of(
          Field.personal("cpf"), Field.plain("customer_id"), Field.personal("customer_name"),
          Field.plain("delivery_address_city"), Field.plain("delivery_address_country"),
          Field.plain("delivery_address_district"), Field.personal("delivery_address_external_id"),
          Field.plain("delivery_address_latitude"), Field.plain("delivery_address_longitude"),
          Field.plain("delivery_address_state"), Field.plain("delivery_address_zip_code"),
          Field.plain("items"), Field.plain("merchant_id"), Field.plain("merchant_latitude"),
          Field.plain("merchant_longitude"), Field.plain("merchant_timezone"), Field.plain("order_created_at"),
          Field.plain("order_id"), Field.plain("order_scheduled"), Field.plain("order_scheduled_date"),
          Field.plain("order_total_amount"), Field.plain("origin_platform"))),
  ORDER_STATUS(
      "food", "order_status", "status", SourceFormat.JSON_LINES, "order_id",
      List.of(Field.plain("created_at"), Field.plain("order_id"), Field.plain("status_id"), Field.plain("value"))),
  CONSUMER(
      "food", "consumer", "consumer", SourceFormat.CSV, "customer_id",
      List.of(
          Field.plain("customer_id"), Field.plain("language"), Field.plain("created_at"), Field.plain("active"),
          Field.personal("customer_name"), Field.plain("customer_phone_area"), Field.personal("customer_phone_number"))),
  RESTAURANT(
      "food", "restaurant", "restaurant", SourceFormat.CSV, "id",
      List.of(
          Field.plain("id"), Field.plain("created_at"), Field.plain("enabled"), Field.plain("price_range"),
          Field.plain("average_ticket"), Field.plain("takeout_time"), Field.plain("delivery_time"),
          Field.plain("minimum_order_value"), Field.plain("merchant_zip_code"), Field.plain("merchant_city"),
          Field.plain("merchant_state"), Field.plain("merchant_country")));

  private final String domain;
  private final String name;
  private final String fileStem;
  private final SourceFormat format;
  private final String keyField;
  private final List<Field> fields;

  Dataset(String domain, String name, String fileStem, SourceFormat format, String keyField, List<Field> fields) {
    this.domain = domain;
    this.name = name;
    this.fileStem = fileStem;
    this.format = format;
    this.keyField = keyField;
    this.fields = List.copyOf(fields);
  }

  public String domain() {
    return domain;
  }

  /** The dataset's name in topics and tables, e.g. {@code order_status}. */
  public String datasetName() {
    return name;
  }

  public SourceFormat format() {
    return format;
  }

  public String keyField() {
    return keyField;
  }

  public List<Field> fields() {
    return fields;
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** The Kafka topic its records are published to, e.g. {@code src.food.order}. */
  public String topic() {
    return "src." + domain + "." + name;
  }

  /** The file name the source lands, e.g. {@code order.json.gz}. */
  public String fileName() {
    return fileStem + (format == SourceFormat.CSV ? ".csv.gz" : ".json.gz");
  }

  /**
   * The dataset a source file belongs to, from its name: the part before the first dot, or before a
   * date/part suffix ({@code order-2019-01-17.json.gz}, {@code status_part-0001.json}).
   */
  public static Optional<Dataset> forFileName(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String stem = base.split("[.\\-_]", 2)[0];
    for (Dataset dataset : values()) {
      if (dataset.fileStem.equals(stem)) {
        return Optional.of(dataset);
      }
    }
    return Optional.empty();
  }
}
