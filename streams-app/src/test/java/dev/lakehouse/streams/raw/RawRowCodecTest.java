package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.contract.Dataset;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RawRowCodecTest {

  private static Map<String, Object> parsed(Dataset dataset, String json) {
    ParseResult result =
        new RawRecordParser(dataset.contract()).parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).values();
  }

  private static Object[] inContractOrder(Dataset dataset, Map<String, Object> values) {
    return dataset.fieldNames().stream().map(values::get).toArray();
  }

  @Test
  void everyTypeOfEveryDatasetSurvivesTheRoundTripWithItsLineage() {
    Map<Dataset, String> samples =
        Map.of(
            Dataset.ORDER,
            "{\"cpf\":\"01234567890\",\"customer_id\":null,\"customer_name\":\"Zoë\",\"delivery_address_city\":\"FRANCA\","
                + "\"delivery_address_latitude\":\"-47.39\",\"delivery_address_longitude\":-20.55,\"items\":\"[{\\\"name\\\":\\\"Açaí\\\"}]\","
                + "\"merchant_id\":\"m-1\",\"merchant_timezone\":\"America/Sao_Paulo\",\"order_created_at\":\"2019-01-17T22:50:06.123456Z\","
                + "\"order_id\":\"o-1\",\"order_scheduled\":false,\"order_scheduled_date\":null,\"order_total_amount\":46.0}",
            Dataset.ORDER_STATUS,
            "{\"created_at\":\"1969-12-31T23:59:59.500Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"PLACED\"}",
            Dataset.CONSUMER,
            "{\"customer_id\":\"c-1\",\"active\":\"true\",\"created_at\":\"2018-04-05T14:49:18.165Z\",\"customer_phone_number\":\"\"}",
            Dataset.RESTAURANT,
            "{\"id\":\"r-1\",\"price_range\":\"5\",\"average_ticket\":\"99999999999.99\",\"takeout_time\":\"-3\","
                + "\"minimum_order_value\":\"-0.5\",\"enabled\":true}");
    samples.forEach(
        (dataset, json) -> {
          RawRowCodec codec = new RawRowCodec(dataset.contract());
          Map<String, Object> values = parsed(dataset, json);
          Lineage lineage =
              new Lineage(
                  dataset.topic(),
                  7,
                  123_456_789_012L,
                  1_700_000_000_123L,
                  "s3://landing/x.json.gz",
                  42L);
          byte[] encoded = codec.encode(values, lineage);
          assertThat(RawRowCodec.isEncoded(encoded)).isTrue();
          RawRowCodec.RawRow row = codec.decode(encoded);
          assertThat(row.values())
              .as(dataset.toString())
              .containsExactly(inContractOrder(dataset, values));
          assertThat(row.lineage()).isEqualTo(lineage);
        });
  }

  @Test
  void decimalsKeepTheirScaleAndTimestampsTheirMicroseconds() {
    RawRowCodec codec = new RawRowCodec(Dataset.RESTAURANT.contract());
    Map<String, Object> values =
        parsed(
            Dataset.RESTAURANT,
            "{\"id\":\"r-1\",\"average_ticket\":\"60.5\",\"created_at\":\"2017-01-23T12:52:30.000001Z\"}");
    Object[] decoded =
        codec.decode(codec.encode(values, new Lineage("t", 0, 0, 0, null, null))).values();
    int ticket = Dataset.RESTAURANT.fieldNames().indexOf("average_ticket");
    int created = Dataset.RESTAURANT.fieldNames().indexOf("created_at");
    assertThat(decoded[ticket]).isEqualTo(new BigDecimal("60.50"));
    assertThat(decoded[created]).isEqualTo(OffsetDateTime.parse("2017-01-23T12:52:30.000001Z"));
  }

  @Test
  void aRowWrittenBeforeAFieldWasAddedDecodesWithThatFieldNull() {
    java.util.List<String> fields = Dataset.ORDER_STATUS.fieldNames();
    RawRowCodec before =
        new RawRowCodec(Dataset.ORDER_STATUS.contract(), fields.subList(0, fields.size() - 1));
    Map<String, Object> values =
        parsed(
            Dataset.ORDER_STATUS,
            "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"PLACED\"}");
    RawRowCodec.RawRow row =
        new RawRowCodec(Dataset.ORDER_STATUS.contract())
            .decode(before.encode(values, new Lineage("t", 0, 1, 2, null, null)));
    assertThat(row.values()[fields.size() - 1]).isNull();
    assertThat(row.values()[fields.indexOf("order_id")]).isEqualTo("o-1");
    assertThat(row.lineage().offset()).isEqualTo(1);
  }

  @Test
  void bytesThatAreNotAnEncodedRowAreRefusedWithAReason() {
    RawRowCodec codec = new RawRowCodec(Dataset.ORDER_STATUS.contract());
    byte[] json = "{\"order_id\":\"o-1\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(RawRowCodec.isEncoded(json)).as("JSON is not a raw row").isFalse();
    assertThatThrownBy(() -> codec.decode(json)).hasMessageContaining("not an encoded raw row");
    byte[] truncated =
        Arrays.copyOf(
            codec.encode(
                parsed(
                    Dataset.ORDER_STATUS,
                    "{\"created_at\":\"2019-01-17T22:50:06.000Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"PLACED\"}"),
                new Lineage("t", 0, 1, 2, null, null)),
            12);
    assertThatThrownBy(() -> codec.decode(truncated)).hasMessageContaining("ends early");
    byte[] tooMany = {RawRowCodec.FORMAT, 99};
    assertThatThrownBy(() -> codec.decode(tooMany)).hasMessageContaining("newer version");
  }
}
