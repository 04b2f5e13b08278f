package dev.lakehouse.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NightlyOptionsTest {
  @Test
  void parsesTablesReportAndMaster() {
    NightlyOptions options =
        NightlyOptions.parse(
            "--config",
            "a.properties",
            "--tables",
            "raw.order, raw.consumer",
            "--report",
            "r.json");
    assertThat(options.config()).isEqualTo(Path.of("a.properties"));
    assertThat(options.tables()).containsExactly("raw.order", "raw.consumer");
    assertThat(options.report()).contains(Path.of("r.json"));
    assertThat(options.master()).isEqualTo("local[2]");
  }

  @Test
  void rejectsMissingAndMalformedArguments() {
    assertThatThrownBy(() -> NightlyOptions.parse("--tables", "raw.order"))
        .hasMessageContaining("--config is required");
    assertThatThrownBy(() -> NightlyOptions.parse("--config", "a"))
        .hasMessageContaining("--tables is required");
    assertThatThrownBy(() -> NightlyOptions.parse("--config", "a", "--tables", "order"))
        .hasMessageContaining("<namespace>.<table>");
    assertThatThrownBy(
            () -> NightlyOptions.parse("--config", "a", "--tables", "raw.x; DROP TABLE y"))
        .hasMessageContaining("<namespace>.<table>");
    assertThatThrownBy(() -> NightlyOptions.parse("--config"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> NightlyOptions.parse("--bogus", "1"))
        .hasMessageContaining("unknown option");
  }
}
