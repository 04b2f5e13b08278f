package dev.lakehouse.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqlQueryOptionsTest {

  @Test
  void namedQueriesKeepTheirSqlWholeEvenWithEqualsSigns() {
    SqlQueryOptions options =
        SqlQueryOptions.parse(
            "--config",
            "lakehouse.properties",
            "--out",
            "results",
            "--query",
            "current=SELECT * FROM trusted.order_current WHERE _version = 1",
            "--query",
            "n=SELECT 1");

    assertThat(options.config()).isEqualTo(Path.of("lakehouse.properties"));
    assertThat(options.out()).isEqualTo(Path.of("results"));
    assertThat(options.master()).isEqualTo("local[2]");
    assertThat(options.queries())
        .containsEntry("current", "SELECT * FROM trusted.order_current WHERE _version = 1")
        .containsEntry("n", "SELECT 1")
        .hasSize(2);
  }

  @Test
  void badCommandLinesSayWhatToPass() {
    assertThatThrownBy(() -> SqlQueryOptions.parse("--out", "r", "--query", "a=SELECT 1"))
        .hasMessageContaining("--config is required");
    assertThatThrownBy(() -> SqlQueryOptions.parse("--config", "c", "--query", "a=SELECT 1"))
        .hasMessageContaining("--out is required");
    assertThatThrownBy(() -> SqlQueryOptions.parse("--config", "c", "--out", "r"))
        .hasMessageContaining("at least one --query");
    assertThatThrownBy(
            () -> SqlQueryOptions.parse("--config", "c", "--out", "r", "--query", "SELECT 1"))
        .hasMessageContaining("<name>=<sql>");
    assertThatThrownBy(
            () ->
                SqlQueryOptions.parse(
                    "--config",
                    "c",
                    "--out",
                    "r",
                    "--query",
                    "a=SELECT 1",
                    "--query",
                    "a=SELECT 2"))
        .hasMessageContaining("two queries are named 'a'");
    assertThatThrownBy(() -> SqlQueryOptions.parse("--config", "c", "--out", "r", "--verbose", "x"))
        .hasMessageContaining("unknown option --verbose");
  }
}
