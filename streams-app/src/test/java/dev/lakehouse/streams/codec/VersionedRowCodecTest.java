package dev.lakehouse.streams.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class VersionedRowCodecTest {
  private static final OffsetDateTime EPOCH =
      OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "id", Types.StringType.get()),
          Types.NestedField.optional(2, "amount", Types.LongType.get()),
          Types.NestedField.required(3, "_version", Types.LongType.get()),
          Types.NestedField.required(4, "_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(5, "added_later", Types.StringType.get()));
  private static final VersionedRowCodec CODEC =
      new VersionedRowCodec(SCHEMA, List.of("_version", "_at"), List.of(0L, EPOCH));

  @Test
  void theCompletedEncodingIsTheRowCodecsByteForByte() {
    OffsetDateTime at = OffsetDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneOffset.UTC);
    for (Map<String, Object> row :
        List.of(row("a", 5L, "x"), row("b", null, null), row("c", -7L, "later"))) {
      byte[] completed = CODEC.complete(CODEC.encodeContent(row), 3L, at);
      Map<String, Object> full = new HashMap<>(row);
      full.put("_version", 3L);
      full.put("_at", at);
      assertThat(completed).isEqualTo(new RowCodec(SCHEMA).encode(full));
    }
  }

  @Test
  void theFingerprintIgnoresTheVersionAndIsTheOneOfThePlaceholderEncoding() {
    Map<String, Object> row = row("a", 5L, "x");
    Map<String, Object> placeholders = new HashMap<>(row);
    placeholders.put("_version", 0L);
    placeholders.put("_at", EPOCH);
    assertThat(CODEC.encodeContent(row).fingerprint())
        .isEqualTo(Fingerprint.of(0, new RowCodec(SCHEMA).encode(placeholders)));
    assertThat(CODEC.encodeContent(row("a", 6L, "x")).fingerprint())
        .isNotEqualTo(CODEC.encodeContent(row).fingerprint());
    assertThat(CODEC.encodeContent(row("a", 5L, "y")).fingerprint())
        .as("a column after the version columns counts too")
        .isNotEqualTo(CODEC.encodeContent(row).fingerprint());
  }

  @Test
  void versionColumnsMustBeAdjacentAndARequiredNullFails() {
    assertThatThrownBy(
            () ->
                new VersionedRowCodec(SCHEMA, List.of("_version", "added_later"), List.of(0L, "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not adjacent");
    assertThatThrownBy(() -> CODEC.encodeContent(row(null, 1L, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("required column id");
  }

  private static Map<String, Object> row(String id, Long amount, String later) {
    Map<String, Object> row = new HashMap<>();
    row.put("id", id);
    row.put("amount", amount);
    row.put("added_later", later);
    return row;
  }
}
