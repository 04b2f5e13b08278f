package dev.lakehouse.nightly.validation;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.FieldContract;
import dev.lakehouse.common.contract.FieldType;
import dev.lakehouse.common.contract.ValueRule;
import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.nightly.SparkNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * Per raw table, what its contract says of each field, checked on the rows: required fields and the
 * key are never null, enum values are in the enum, ranges hold, time zones resolve (errors: the raw
 * stage refuses such records, so a row that breaks them means a stage let one through); and, as
 * warnings, money is not negative and timestamps lie between 2000 and a day from now.
 */
final class ValidityCheck implements LakeCheck {
  /** Earlier than any order the source can hold. */
  static final Instant EARLIEST_PLAUSIBLE = Instant.parse("2000-01-01T00:00:00Z");

  @Override
  public String name() {
    return "validity";
  }

  /** One rule on one column: the condition a row that breaks it meets. */
  record Rule(String describe, Severity severity, String broken) {}

  @Override
  public List<CheckResult> run(ValidationContext context) {
    List<CheckResult> results = new ArrayList<>();
    Instant latest = context.clock().instant().plus(Duration.ofDays(1));
    for (DatasetContract dataset : context.settings().datasets().contracts().all()) {
      String table = LakeLayout.rawTable(dataset);
      if (!context.covers(table)) {
        continue;
      }
      List<Rule> rules = new ArrayList<>();
      for (FieldContract field : dataset.fields()) {
        rules.addAll(rules(context, table, field, field.name().equals(dataset.key()), latest));
      }
      if (rules.isEmpty()) {
        continue;
      }
      String sums =
          rules.stream()
              .map(r -> "sum(CASE WHEN " + r.broken() + " THEN 1 ELSE 0 END)")
              .collect(Collectors.joining(", "));
      Row counts =
          context.spark().sql("SELECT " + sums + " FROM " + context.sqlName(table)).first();
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        long broken = counts.isNullAt(i) ? 0 : counts.getLong(i);
        results.add(
            CheckResult.of(
                name(),
                table,
                rule.describe(),
                rule.severity(),
                broken,
                Expectation.equalTo(0),
                broken == 0
                    ? List.of()
                    : context.sample(
                        "SELECT concat("
                            + LakeLayout.SOURCE_TOPIC
                            + ", '-', "
                            + LakeLayout.SOURCE_PARTITION
                            + ", '@', "
                            + LakeLayout.SOURCE_OFFSET
                            + ") FROM "
                            + context.sqlName(table)
                            + " WHERE "
                            + rule.broken())));
      }
    }
    return results;
  }

  private static List<Rule> rules(
      ValidationContext context, String table, FieldContract field, boolean key, Instant latest) {
    List<Rule> rules = new ArrayList<>();
    String column = SparkNames.quote(field.name());
    if (key || field.required()) {
      rules.add(
          new Rule(
              field.name() + (key ? " (the key)" : "") + " is not null",
              Severity.ERROR,
              column + " IS NULL"));
    }
    boolean ranged = false;
    for (ValueRule rule : field.rules()) {
      if (rule instanceof ValueRule.OneOf oneOf) {
        rules.add(
            new Rule(
                field.name() + " is one of " + oneOf.values(),
                Severity.ERROR,
                column
                    + " IS NOT NULL AND CAST("
                    + column
                    + " AS STRING) NOT IN ("
                    + oneOf.values().stream()
                        .map(SparkNames::literal)
                        .collect(Collectors.joining(", "))
                    + ")"));
      } else if (rule instanceof ValueRule.Range range) {
        ranged = true;
        List<String> outside = new ArrayList<>();
        if (range.min() != null) {
          outside.add(column + " < " + range.min().toPlainString());
        }
        if (range.max() != null) {
          outside.add(column + " > " + range.max().toPlainString());
        }
        rules.add(
            new Rule(
                field.name() + " is within the contract's range",
                Severity.ERROR,
                "(" + String.join(" OR ", outside) + ")"));
      } else if (rule instanceof ValueRule.IanaZone) {
        List<String> unknown = new ArrayList<>();
        for (Row row :
            context
                .spark()
                .sql(
                    "SELECT DISTINCT "
                        + column
                        + " FROM "
                        + context.sqlName(table)
                        + " WHERE "
                        + column
                        + " IS NOT NULL")
                .collectAsList()) {
          String zone = row.getString(0);
          if (!rule.admits(zone)) {
            unknown.add(zone);
          }
        }
        rules.add(
            new Rule(
                field.name() + " is a time zone that resolves",
                Severity.ERROR,
                unknown.isEmpty()
                    ? "false"
                    : column
                        + " IN ("
                        + unknown.stream()
                            .map(SparkNames::literal)
                            .collect(Collectors.joining(", "))
                        + ")"));
      }
    }
    if (field.type().kind() == FieldType.Kind.DECIMAL && !ranged) {
      rules.add(
          new Rule(field.name() + " (money) is not negative", Severity.WARNING, column + " < 0"));
    }
    if (field.type().kind() == FieldType.Kind.TIMESTAMPTZ) {
      rules.add(
          new Rule(
              field.name() + " lies between " + EARLIEST_PLAUSIBLE + " and a day from now",
              Severity.WARNING,
              "("
                  + column
                  + " < TIMESTAMP "
                  + SparkNames.literal(EARLIEST_PLAUSIBLE.toString())
                  + " OR "
                  + column
                  + " > TIMESTAMP "
                  + SparkNames.literal(latest.toString())
                  + ")"));
    }
    return rules;
  }
}
