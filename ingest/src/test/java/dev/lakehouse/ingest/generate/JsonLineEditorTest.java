package dev.lakehouse.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonLineEditorTest {
  private static final String LINE =
      "{\"order_id\":\"abc\",\"items\":\"[{\\\"order_id\\\": \\\"inner\\\"}]\",\"amount\":46.0,\"flag\":false,\"last\":null}";

  @Test
  void replacesTopLevelValuesOnly() {
    assertThat(JsonLineEditor.replaceValue(LINE, "amount", "\"abc\""))
        .contains("\"amount\":\"abc\",\"flag\"");
    assertThat(JsonLineEditor.replaceValue(LINE, "order_id", "null"))
        .startsWith("{\"order_id\":null,\"items\":");
    assertThat(JsonLineEditor.replaceValue(LINE, "last", "\"\"")).endsWith("\"last\":\"\"}");
    assertThat(JsonLineEditor.replaceValue(LINE, "items", "1")).contains("\"items\":1,\"amount\"");
  }

  @Test
  void removesMembers() {
    String withoutFirst = JsonLineEditor.removeMember(LINE, "order_id");
    assertThat(withoutFirst).startsWith("{\"items\":").contains("inner");
    assertThat(SourceFiles.parse(withoutFirst).has("order_id")).isFalse();
    assertThat(SourceFiles.parse(JsonLineEditor.removeMember(LINE, "last")).has("last")).isFalse();
    assertThat(SourceFiles.parse(JsonLineEditor.removeMember(LINE, "amount")).size()).isEqualTo(4);
  }

  @Test
  void knowsStringValues() {
    assertThat(JsonLineEditor.hasStringValue(LINE, "order_id")).isTrue();
    assertThat(JsonLineEditor.hasStringValue(LINE, "last")).isFalse();
    assertThat(JsonLineEditor.hasStringValue(LINE, "missing")).isFalse();
    assertThatThrownBy(() -> JsonLineEditor.replaceValue(LINE, "missing", "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
