package dev.lakehouse.nightly.validation;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.lake.LakeMarks;
import dev.lakehouse.nightly.SparkNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;

/**
 * No source coordinate (topic, partition, offset) is twice in a raw table; the current read path of
 * a versioned table (the rows of each key's highest version) holds each row once; and where this
 * run consolidated a table, it holds one version per key among the versions older than the
 * consolidation's start less the settle margin (younger ones may have arrived since).
 */
final class UniquenessCheck implements LakeCheck {
  @Override
  public String name() {
    return "uniqueness";
  }

  @Override
  public List<CheckResult> run(ValidationContext context) {
    List<CheckResult> results = new ArrayList<>();
    String coordinate =
        "concat("
            + LakeLayout.SOURCE_TOPIC
            + ", '-', "
            + LakeLayout.SOURCE_PARTITION
            + ", '@', "
            + LakeLayout.SOURCE_OFFSET
            + ")";
    for (DatasetContract dataset : context.settings().datasets().contracts().all()) {
      String table = LakeLayout.rawTable(dataset);
      if (!context.covers(table)) {
        continue;
      }
      String twice =
          "SELECT "
              + coordinate
              + " FROM "
              + context.sqlName(table)
              + " GROUP BY 1 HAVING count(*) > 1";
      long duplicates = context.count("SELECT count(*) FROM (" + twice + ")");
      results.add(
          CheckResult.of(
              name(),
              table,
              "each source coordinate (topic, partition, offset) once",
              Severity.ERROR,
              duplicates,
              Expectation.equalTo(0),
              duplicates == 0 ? List.of() : context.sample(twice)));
    }
    for (String table : context.tables()) {
      Table loaded = context.load(table);
      String key = loaded.properties().get(LakeMarks.VERSIONED_KEY);
      if (key == null) {
        continue;
      }
      String keyColumn = SparkNames.quote(key);
      String version = SparkNames.quote(LakeMarks.VERSION_COLUMN);
      String rowKey =
          Arrays.stream(
                  loaded.properties().getOrDefault(LakeMarks.VERSIONED_ROW_KEY, key).split(","))
              .map(String::trim)
              .map(SparkNames::quote)
              .collect(Collectors.joining(", "));
      String currentTwice =
          "SELECT concat_ws('/', "
              + rowKey
              + ") FROM (SELECT t.*, max("
              + version
              + ") OVER (PARTITION BY "
              + keyColumn
              + ") AS current_version FROM "
              + context.sqlName(table)
              + " t) WHERE "
              + version
              + " = current_version GROUP BY "
              + rowKey
              + " HAVING count(*) > 1";
      long duplicates = context.count("SELECT count(*) FROM (" + currentTwice + ")");
      results.add(
          CheckResult.of(
              name(),
              table,
              "the current rows (each " + key + "'s highest version) hold each row once",
              Severity.ERROR,
              duplicates,
              Expectation.equalTo(0),
              duplicates == 0 ? List.of() : context.sample(currentTwice)));
      Instant consolidated = context.consolidatedAt().get(table);
      if (consolidated != null) {
        Instant before = consolidated.minus(context.nightly().validationSettle());
        String versionsLeft =
            "SELECT "
                + keyColumn
                + " FROM "
                + context.sqlName(table)
                + " WHERE "
                + SparkNames.quote(LakeMarks.VERSIONED_AT_COLUMN)
                + " < TIMESTAMP "
                + SparkNames.literal(before.toString())
                + " GROUP BY "
                + keyColumn
                + " HAVING count(DISTINCT "
                + version
                + ") > 1";
        long left = context.count("SELECT count(*) FROM (" + versionsLeft + ")");
        results.add(
            CheckResult.of(
                name(),
                table,
                "after the consolidation, one version per "
                    + key
                    + " among the versions from before "
                    + before,
                Severity.ERROR,
                left,
                Expectation.equalTo(0),
                left == 0 ? List.of() : context.sample(versionsLeft)));
      }
    }
    return results;
  }
}
