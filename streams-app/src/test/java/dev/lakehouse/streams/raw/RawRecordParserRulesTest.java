package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakehouse.common.contract.ContractFiles;
import dev.lakehouse.common.contract.Contracts;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.FieldContract;
import dev.lakehouse.common.contract.FieldType;
import dev.lakehouse.common.contract.ValueRule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The parser applies each contract's value rules and no others: for every dataset, a record that
 * obeys every rule is parsed; each field's rule, broken, refuses it with {@value ValueRule#REASON};
 * a field without a rule takes any value of its type.
 */
class RawRecordParserRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Contracts contracts = ContractFiles.load(Optional.empty());

  private DatasetContract contract(Dataset dataset) {
    return contracts.find(dataset.domain(), dataset.datasetName()).orElseThrow();
  }

  @Test
  void theParserAppliesTheRulesOfTheFilesAndNoOthers() {
    for (Dataset dataset : Dataset.values()) {
      DatasetContract contract = contract(dataset);
      RawRecordParser parser = new RawRecordParser(dataset.contract());
      ObjectNode good = JSON.createObjectNode();
      contract.fields().forEach(f -> good.set(f.name(), JSON.valueToTree(obeying(f))));
      assertThat(reason(parser, good))
          .as("%s: a record that obeys every rule", dataset)
          .isEqualTo("parsed");
      for (FieldContract field : contract.fields()) {
        ObjectNode other = good.deepCopy();
        if (field.rules().isEmpty()) {
          other.set(field.name(), JSON.valueToTree(unusual(field.type())));
          assertThat(reason(parser, other))
              .as("%s.%s has no rule: any value of its type", dataset, field.name())
              .isEqualTo("parsed");
        }
        for (ValueRule rule : field.rules()) {
          for (Object value : breaking(rule)) {
            other.set(field.name(), JSON.valueToTree(value));
            assertThat(reason(parser, other))
                .as("%s.%s = %s breaks %s", dataset, field.name(), value, rule)
                .isEqualTo(ValueRule.REASON);
          }
        }
      }
    }
  }

  /** A value of the field's type that obeys its rules. */
  private static Object obeying(FieldContract field) {
    for (ValueRule rule : field.rules()) {
      if (rule instanceof ValueRule.OneOf oneOf) {
        return oneOf.values().get(oneOf.values().size() - 1);
      }
      if (rule instanceof ValueRule.IanaZone) {
        return "America/Sao_Paulo";
      }
      if (rule instanceof ValueRule.Range range) {
        return range.min() != null ? range.min() : range.max();
      }
    }
    return unusual(field.type()).toString();
  }

  /** A value of the type that no rule of the food contracts would admit by chance. */
  private static Object unusual(FieldType type) {
    return switch (type.kind()) {
      case STRING -> "Not/A_Zone nor a status";
      case BOOLEAN -> true;
      case INT, LONG -> -7;
      case DOUBLE -> -7.5;
      case DECIMAL -> new BigDecimal("-7.25");
      case TIMESTAMPTZ -> "2019-01-17T22:50:06Z";
    };
  }

  private static List<Object> breaking(ValueRule rule) {
    if (rule instanceof ValueRule.OneOf oneOf) {
      return List.of(oneOf.values().get(0).toLowerCase(java.util.Locale.ROOT), "UNKNOWN");
    }
    if (rule instanceof ValueRule.IanaZone) {
      return List.of("Mars/Olympus_Mons", "GMT+99");
    }
    ValueRule.Range range = (ValueRule.Range) rule;
    List<Object> values = new java.util.ArrayList<>();
    if (range.min() != null) {
      values.add(range.min().subtract(BigDecimal.ONE));
    }
    if (range.max() != null) {
      values.add(range.max().add(BigDecimal.ONE));
    }
    return values;
  }

  private static String reason(RawRecordParser parser, ObjectNode record) {
    ParseResult result = parser.parse(record.toString().getBytes(StandardCharsets.UTF_8));
    return result instanceof ParseResult.Rejected r ? r.reason() : "parsed";
  }
}
