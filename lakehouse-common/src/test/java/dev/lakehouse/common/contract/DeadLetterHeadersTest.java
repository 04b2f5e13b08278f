package dev.lakehouse.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {
  private static Map<String, String> added(DeadLetterHeaders letter) {
    Map<String, String> headers = new LinkedHashMap<>();
    letter.addTo((name, value) -> headers.put(name, new String(value, StandardCharsets.UTF_8)));
    return headers;
  }

  @Test
  void everyStageWritesTheSameNamesAndLeavesOutWhatItDoesNotKnow() {
    assertThat(
            added(
                DeadLetterHeaders.of("order", "invalid-items", "item 3: unit_price")
                    .sourceRecord("raw.rows.order", 2, 41, 1_700L)
                    .sourceFile("s3://b/order.json", null)))
        .containsExactly(
            Map.entry(PipelineHeaders.DATASET, "order"),
                Map.entry(PipelineHeaders.DLQ_REASON, "invalid-items"),
            Map.entry(PipelineHeaders.DLQ_DETAIL, "item 3: unit_price"),
                Map.entry(PipelineHeaders.SOURCE_TOPIC, "raw.rows.order"),
            Map.entry(PipelineHeaders.SOURCE_PARTITION, "2"),
                Map.entry(PipelineHeaders.SOURCE_OFFSET, "41"),
            Map.entry(PipelineHeaders.SOURCE_TIMESTAMP, "1700"),
                Map.entry(PipelineHeaders.SOURCE_URI, "s3://b/order.json"));
    assertThat(
            added(
                DeadLetterHeaders.of(
                        "consumer", "wrong-column-count", "line 9: 6 cells, 7 expected")
                    .original(512, 2_000_000, "ab12")))
        .containsExactly(
            Map.entry(PipelineHeaders.DATASET, "consumer"),
            Map.entry(PipelineHeaders.DLQ_REASON, "wrong-column-count"),
            Map.entry(PipelineHeaders.DLQ_DETAIL, "line 9: 6 cells, 7 expected"),
            Map.entry(PipelineHeaders.DLQ_ORIGINAL_OFFSET, "512"),
            Map.entry(PipelineHeaders.DLQ_ORIGINAL_LENGTH, "2000000"),
            Map.entry(PipelineHeaders.DLQ_ORIGINAL_SHA256, "ab12"));
  }
}
