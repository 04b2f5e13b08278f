package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.codec.BinaryWriter;
import dev.lakehouse.streams.writer.RowVerdict;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.Test;

/**
 * What the writer refuses before a row reaches Parquet, and that a refusal names the column, never
 * the value.
 */
class RowFitTest {
  private static final long INGESTED = 1_764_000_000_000_000L;
  private static final Lineage LINEAGE =
      new Lineage("src.order", 0, 7, 1_700_000_000_000L, "s3://landing/a.json", 3L);

  @Test
  void aGoodRowFits() {
    RowVerdict verdict =
        fit(
            Dataset.ORDER,
            encode(Dataset.ORDER, order("order_total_amount", new BigDecimal("46.00"))));
    assertThat(verdict.ok()).as(String.valueOf(verdict)).isTrue();
  }

  @Test
  void aDecimalLongerThanItsColumnIsRefusedNotCutShort() {
    // decimal(14, 2) holds 6 bytes; 10^30 takes 13
    RowVerdict verdict =
        fit(
            Dataset.ORDER,
            encode(Dataset.ORDER, order("order_total_amount", new BigDecimal("1E30"))));
    assertThat(verdict.reason()).isEqualTo(RowVerdict.DECIMAL_OVERFLOW);
    assertThat(verdict.detail()).contains("order_total_amount").doesNotContain("1000000");
  }

  @Test
  void aDecimalWithMoreDigitsThanItsPrecisionIsRefusedEvenWhenItsBytesFit() {
    // 15 digits in 6 bytes, for a decimal(14, 2)
    RowVerdict verdict =
        fit(
            Dataset.ORDER,
            encode(Dataset.ORDER, order("order_total_amount", new BigDecimal("1000000000000.00"))));
    assertThat(verdict.reason()).isEqualTo(RowVerdict.DECIMAL_OVERFLOW);
    assertThat(
            fit(
                    Dataset.ORDER,
                    encode(
                        Dataset.ORDER,
                        order("order_total_amount", new BigDecimal("-999999999999.99"))))
                .ok())
        .isTrue();
  }

  @Test
  void aRequiredColumnWithoutAValueIsRefused() {
    RowVerdict verdict =
        fit(
            Dataset.ORDER,
            encode(Dataset.ORDER, Map.of("merchant_id", "m-1", "order_created_at", CREATED)));
    assertThat(verdict.reason()).isEqualTo(RowVerdict.REQUIRED_NULL);
    assertThat(verdict.detail())
        .isEqualTo("required column " + Dataset.ORDER.keyField() + " has no value");
  }

  @Test
  void anIntegerBeyond32BitsIsRefused() {
    byte[] row =
        hand(
            Dataset.RESTAURANT,
            Map.of("id", out -> out.string("r-1"), "price_range", out -> out.varlong(1L << 40)),
            LINEAGE.kafkaTimestampMillis());
    assertThat(fit(Dataset.RESTAURANT, row).reason()).isEqualTo(RowVerdict.OUT_OF_RANGE);
  }

  @Test
  void aStringThatIsNotUtf8IsRefused() {
    byte[] row =
        hand(
            Dataset.RESTAURANT,
            Map.of("id", out -> out.bytes(new byte[] {'r', (byte) 0xC3, '('})),
            LINEAGE.kafkaTimestampMillis());
    RowVerdict verdict = fit(Dataset.RESTAURANT, row);
    assertThat(verdict.reason()).isEqualTo(RowVerdict.INVALID_UTF8);
    assertThat(verdict.detail()).contains("at byte 1");
  }

  @Test
  void aKafkaTimestampThatOverflowsMicrosecondsIsRefused() {
    byte[] row =
        hand(Dataset.RESTAURANT, Map.of("id", out -> out.string("r-1")), Long.MAX_VALUE / 10);
    assertThat(fit(Dataset.RESTAURANT, row).reason()).isEqualTo(RowVerdict.OUT_OF_RANGE);
  }

  @Test
  void bytesThatDoNotDecodeAreRefused() {
    byte[] good = encode(Dataset.ORDER, order());
    for (int cut = 0; cut < good.length - 1; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(good, cut);
      RowVerdict verdict = fit(Dataset.ORDER, truncated);
      assertThat(verdict.ok()).as("cut at " + cut).isFalse();
    }
    assertThat(
            fit(
                    Dataset.ORDER,
                    new byte[] {
                      RawRowCodec.FORMAT,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      (byte) 0xFF,
                      0x01
                    })
                .reason())
        .isEqualTo(RowVerdict.UNDECODABLE);
    assertThat(fit(Dataset.ORDER, "{\"order_id\":1}".getBytes(StandardCharsets.UTF_8)).reason())
        .isEqualTo(RowVerdict.UNDECODABLE);
  }

  @Test
  void utf8IsCheckedAsRfc3629Says() {
    assertThat(
            RowFit.firstInvalidUtf8(
                "Açaí 😀 €".getBytes(StandardCharsets.UTF_8),
                0,
                "Açaí 😀 €".getBytes(StandardCharsets.UTF_8).length))
        .isEqualTo(-1);
    assertThat(RowFit.firstInvalidUtf8(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2))
        .as("overlong")
        .isZero();
    assertThat(RowFit.firstInvalidUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3))
        .as("surrogate")
        .isZero();
    assertThat(RowFit.firstInvalidUtf8(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 0, 3))
        .as("cut short")
        .isEqualTo(1);
    assertThat(
            RowFit.firstInvalidUtf8(
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4))
        .as("beyond U+10FFFF")
        .isZero();
  }

  static final java.time.OffsetDateTime CREATED =
      java.time.OffsetDateTime.parse("2019-01-17T22:50:06Z");

  /** A good order row's required values, with {@code more} on top (key, value, ...). */
  static Map<String, Object> order(Object... more) {
    Map<String, Object> values =
        new java.util.HashMap<>(
            Map.of("order_id", "o-1", "merchant_id", "m-1", "order_created_at", CREATED));
    for (int i = 0; i < more.length; i += 2) {
      values.put((String) more[i], more[i + 1]);
    }
    return values;
  }

  static RowVerdict fit(Dataset dataset, byte[] encoded) {
    Schema schema = RawTables.schema(dataset.contract());
    EncodedRawRow row = new EncodedRawRow(dataset.contract(), schema, dataset.fieldNames());
    return new RowFit(schema).load(row, encoded, INGESTED);
  }

  static byte[] encode(Dataset dataset, Map<String, Object> values) {
    return new RawRowCodec(dataset.contract()).encode(values, LINEAGE);
  }

  /** A row encoded by hand, for values the codec would never write. */
  static byte[] hand(
      Dataset dataset, Map<String, Consumer<BinaryWriter>> fields, long kafkaTimestampMillis) {
    List<String> names = dataset.fieldNames();
    BinaryWriter out = new BinaryWriter(64);
    out.write(RawRowCodec.FORMAT);
    out.varint(names.size());
    for (String name : names) {
      Consumer<BinaryWriter> value = fields.get(name);
      out.write(value == null ? 0 : 1);
      if (value != null) {
        value.accept(out);
      }
    }
    out.string("src.restaurant");
    out.varlong(0);
    out.varlong(1);
    out.varlong(kafkaTimestampMillis);
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }
}
