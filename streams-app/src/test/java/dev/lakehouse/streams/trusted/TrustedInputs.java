package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.ParseResult;
import dev.lakehouse.streams.raw.RawRecordParser;
import dev.lakehouse.streams.raw.RawRowCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the records the trusted stage reads (encoded raw rows), from source-shaped JSON. */
final class TrustedInputs {
  static final byte[] KEY =
      "test-pseudonym-key-test-pseudonym-key".getBytes(StandardCharsets.UTF_8);
  private static final AtomicLong OFFSETS = new AtomicLong();

  private TrustedInputs() {}

  static String items(String name, long unitCentavos, String garnishName) {
    String garnish =
        garnishName == null
            ? ""
            : "{\"name\": \""
                + garnishName
                + "\", \"addition\": {\"value\": \"300\", \"currency\": \"BRL\"}, "
                + "\"quantity\": 1.00, \"sequence\": 2, \"unitPrice\": {\"value\": \"300\", \"currency\": \"BRL\"}, \"categoryId\": \"c\", "
                + "\"categoryName\": \"Extras\", \"externalId\": \"g\", \"totalValue\": {\"value\": \"300\", \"currency\": \"BRL\"}, \"integrationId\": null}";
    return "[{\"name\": \""
        + name
        + "\", \"quantity\": 1.00, \"sequence\": 1, \"unitPrice\": {\"value\": \""
        + unitCentavos
        + "\", \"currency\": \"BRL\"}, \"totalValue\": {\"value\": \""
        + unitCentavos
        + "\", \"currency\": \"BRL\"}, \"garnishItems\": ["
        + garnish
        + "]}]";
  }

  static byte[] order(
      String orderId,
      String createdAt,
      String cpf,
      String customerId,
      String merchantId,
      String zone,
      String itemsJson) {
    String json =
        "{\"order_id\":\""
            + orderId
            + "\",\"order_created_at\":\""
            + createdAt
            + "\",\"cpf\":\""
            + cpf
            + "\","
            + "\"customer_id\":"
            + quoted(customerId)
            + ",\"customer_name\":\"Ana\",\"merchant_id\":\""
            + merchantId
            + "\","
            + "\"merchant_timezone\":"
            + quoted(zone)
            + ",\"delivery_address_latitude\":\"-47.3906\",\"delivery_address_longitude\":\"-20.5386\","
            + "\"delivery_address_external_id\":\"123456\",\"delivery_address_city\":\"FRANCA\",\"delivery_address_state\":\"SP\","
            + "\"order_total_amount\":46.0,\"order_scheduled\":false,\"items\":"
            + jsonString(itemsJson)
            + "}";
    return encode(Dataset.ORDER, json);
  }

  static byte[] status(String orderId, String statusId, String value, String createdAt) {
    return encode(
        Dataset.ORDER_STATUS,
        "{\"order_id\":\""
            + orderId
            + "\",\"status_id\":\""
            + statusId
            + "\",\"value\":\""
            + value
            + "\",\"created_at\":\""
            + createdAt
            + "\"}");
  }

  static byte[] consumer(String customerId, String name, String phone) {
    return encode(
        Dataset.CONSUMER,
        "{\"customer_id\":\""
            + customerId
            + "\",\"language\":\"pt-br\",\"created_at\":\"2018-04-05T14:49:18.165Z\","
            + "\"active\":\"true\",\"customer_name\":\""
            + name
            + "\",\"customer_phone_area\":\"16\",\"customer_phone_number\":\""
            + phone
            + "\"}");
  }

  static byte[] restaurant(String id, String city) {
    return encode(
        Dataset.RESTAURANT,
        "{\"id\":\""
            + id
            + "\",\"created_at\":\"2017-01-23T12:52:30.000Z\",\"enabled\":\"true\","
            + "\"price_range\":\"3\",\"average_ticket\":\"60.0\",\"takeout_time\":\"0\",\"delivery_time\":\"45\",\"minimum_order_value\":\"30.0\","
            + "\"merchant_zip_code\":\"14400\",\"merchant_city\":\""
            + city
            + "\",\"merchant_state\":\"SP\",\"merchant_country\":\"BR\"}");
  }

  static byte[] encode(Dataset dataset, String json) {
    ParseResult result =
        new RawRecordParser(dataset.contract()).parse(json.getBytes(StandardCharsets.UTF_8));
    if (!(result instanceof ParseResult.Parsed parsed)) {
      throw new IllegalArgumentException("test input does not parse: " + result + " " + json);
    }
    long offset = OFFSETS.getAndIncrement();
    return new RawRowCodec(dataset.contract())
        .encode(
            parsed.values(),
            new Lineage(dataset.topic(), 0, offset, 1_000 + offset, "s3://landing/t", offset + 1));
  }

  private static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  private static String jsonString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
