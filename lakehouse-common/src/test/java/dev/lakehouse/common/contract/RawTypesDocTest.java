package dev.lakehouse.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The "Types" table of docs/raw-tables.md is the built-in contracts' fields, as this test renders
 * them.
 */
class RawTypesDocTest {
  private static final Path DOC = Path.of("..", "docs", "raw-tables.md");
  private static final String START = "<!-- types from the contract files: RawTypesDocTest -->";
  private static final String END = "<!-- end of types -->";

  @Test
  void theTypesTableIsTheContractFiles() throws Exception {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String table = render(ContractFiles.load(Optional.empty()));
    assertThat(doc).contains(START).contains(END);
    String inDoc = doc.substring(doc.indexOf(START) + START.length(), doc.indexOf(END)).strip();
    assertThat(inDoc)
        .as("the table in %s; put this one in its place:%n%s", DOC, table)
        .isEqualTo(table);
  }

  static String render(Contracts contracts) {
    StringBuilder out =
        new StringBuilder(
            "| table | field | type | required | personal | rule |\n|---|---|---|---|---|---|\n");
    for (DatasetContract contract : contracts.all()) {
      for (FieldContract field : contract.fields()) {
        out.append("| `raw.")
            .append(contract.name())
            .append("` | `")
            .append(field.name())
            .append("` | `")
            .append(field.type())
            .append("` | ")
            .append(field.required() ? (field.name().equals(contract.key()) ? "key" : "yes") : "")
            .append(" | ")
            .append(field.personal() ? "yes" : "")
            .append(" | ")
            .append(
                field.rules().stream().map(RawTypesDocTest::rule).collect(Collectors.joining("; ")))
            .append(" |\n");
      }
    }
    return out.toString().strip();
  }

  private static String rule(ValueRule rule) {
    if (rule instanceof ValueRule.OneOf oneOf) {
      return "one of " + String.join(", ", oneOf.values());
    }
    if (rule instanceof ValueRule.IanaZone) {
      return "an IANA time zone";
    }
    ValueRule.Range range = (ValueRule.Range) rule;
    return (range.min() != null ? range.min().toPlainString() : "")
        + "–"
        + (range.max() != null ? range.max().toPlainString() : "");
  }
}
