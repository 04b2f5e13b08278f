package dev.lakehouse.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NightlyOptionsTest {
  @Test
  void parsesTablesDryRunReportAndMaster() {
    NightlyOptions options =
        NightlyOptions.parse(
            "--config",
            "a.properties",
            "--tables",
            "raw.order, trusted",
            "--dry-run",
            "--report",
            "r.json");
    assertThat(options.config()).isEqualTo(Path.of("a.properties"));
    assertThat(options.tables()).containsExactly("raw.order", "trusted");
    assertThat(options.dryRun()).isTrue();
    assertThat(options.report()).contains(Path.of("r.json"));
    assertThat(options.summary()).isEmpty();
    assertThat(options.master()).isEmpty();
  }

  @Test
  void withoutTablesEveryTableIsTaken() {
    NightlyOptions options = NightlyOptions.parse("--config", "a.properties");
    assertThat(options.tables()).isEmpty();
    assertThat(options.dryRun()).isFalse();
  }

  @Test
  void rejectsMissingAndMalformedArguments() {
    assertThatThrownBy(() -> NightlyOptions.parse("--tables", "raw.order"))
        .hasMessageContaining("--config");
    assertThatThrownBy(() -> NightlyOptions.parse("--config", "a", "--tables", "raw.x.y"))
        .hasMessageContaining("<namespace>.<table>");
    assertThatThrownBy(
            () -> NightlyOptions.parse("--config", "a", "--tables", "raw.x; DROP TABLE y"))
        .hasMessageContaining("<namespace>.<table>");
    assertThatThrownBy(() -> NightlyOptions.parse("--config")).hasMessageContaining("--config");
    assertThatThrownBy(() -> NightlyOptions.parse("--config", "a", "--bogus", "1"))
        .hasMessageContaining("--bogus");
  }
}
