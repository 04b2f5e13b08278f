package dev.lakehouse.nightly.validation;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.lake.LakeMarks;
import dev.lakehouse.nightly.SparkNames;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Row;

/**
 * Per raw table, every record of its source topic is in exactly one place: a row of the table or a
 * dead letter (of the raw stage, or of the writer for the table's rows topic). The topic's records
 * are read from Kafka up to the Streams app's committed offsets and the settle margin ({@link
 * SourceTopicReader}); the lake's offsets come from the rows' lineage and the letters' source
 * coordinates; {@link Coverage} compares them. Records lost to the topic's retention are left out
 * on both sides.
 */
final class CompletenessCheck implements LakeCheck {
  @Override
  public String name() {
    return "completeness";
  }

  @Override
  public List<CheckResult> run(ValidationContext context) {
    List<CheckResult> results = new ArrayList<>();
    for (DatasetContract dataset : context.settings().datasets().contracts().all()) {
      String table = LakeLayout.rawTable(dataset);
      if (!context.covers(table)) {
        continue;
      }
      Table raw = context.load(table);
      String owner = raw.properties().get(LakeMarks.OWNER_APPLICATION_ID);
      String topic = dataset.topic();
      String rule = "rows + dead letters = the records of " + topic;
      if (owner == null) {
        results.add(
            CheckResult.of(
                name(),
                table,
                rule + " (the table names no owner application: not checked)",
                Severity.WARNING,
                1,
                Expectation.equalTo(0),
                List.of()));
        continue;
      }
      List<SourceRange> ranges;
      try {
        ranges =
            SourceTopicReader.read(
                context.settings().kafka().bootstrapServers(),
                topic,
                owner,
                context.settledBefore());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted reading " + topic, e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("cannot read " + topic + ": " + e.getMessage(), e);
      }
      if (ranges.isEmpty()) {
        continue;
      }
      String union = lakeOffsets(context, dataset, table);
      String cuts = cuts(ranges);
      Map<Integer, SourceRange.OffsetSums> sums = new HashMap<>();
      for (Row row :
          context
              .spark()
              .sql(
                  "SELECT c.p, count(DISTINCT u.o), sum(DISTINCT CAST(u.o AS DECIMAL(38,0))),"
                      + " sum(DISTINCT CAST(u.o AS DECIMAL(38,0)) * CAST(u.o AS DECIMAL(38,0)))"
                      + " FROM ("
                      + union
                      + ") u JOIN "
                      + cuts
                      + " ON u.p = c.p AND u.o >= c.f AND u.o < c.t GROUP BY c.p")
              .collectAsList()) {
        sums.put(
            row.getInt(0),
            new SourceRange.OffsetSums(
                row.getLong(1), integer(row.getDecimal(2)), integer(row.getDecimal(3))));
      }
      Map<Integer, long[]> offsets = new HashMap<>();
      for (int partition : Coverage.differing(ranges, sums)) {
        SourceRange range =
            ranges.stream().filter(r -> r.partition() == partition).findFirst().orElseThrow();
        offsets.put(
            partition,
            context
                .spark()
                .sql(
                    "SELECT DISTINCT u.o FROM ("
                        + union
                        + ") u WHERE u.p = "
                        + partition
                        + " AND u.o >= "
                        + range.from()
                        + " AND u.o < "
                        + range.to())
                .collectAsList()
                .stream()
                .mapToLong(r -> r.getLong(0))
                .toArray());
      }
      Coverage coverage = Coverage.of(topic, ranges, sums, offsets);
      List<String> sample = new ArrayList<>(coverage.missing());
      coverage.unknown().forEach(o -> sample.add("not a record: " + o));
      results.add(
          new CheckResult(
              name(),
              table,
              rule
                  + " up to the app's committed offsets, settled before "
                  + context.settledBefore(),
              Severity.ERROR,
              coverage.covered(),
              Expectation.equalTo(coverage.records()),
              coverage.complete(),
              sample.subList(0, Math.min(sample.size(), SAMPLE))));
    }
    return results;
  }

  /** The source offsets the lake holds for the dataset's topic: rows and letters, as (p, o). */
  private static String lakeOffsets(
      ValidationContext context, DatasetContract dataset, String table) {
    String topic = SparkNames.literal(dataset.topic());
    String rows =
        "SELECT "
            + LakeLayout.SOURCE_PARTITION
            + " AS p, "
            + LakeLayout.SOURCE_OFFSET
            + " AS o FROM "
            + context.sqlName(table)
            + " WHERE "
            + LakeLayout.SOURCE_TOPIC
            + " = "
            + topic;
    String letters = LakeLayout.deadLetterTable();
    if (!context.catalog().tableExists(TableIdentifier.parse(letters))) {
      return rows;
    }
    return rows
        + " UNION ALL SELECT "
        + LakeLayout.LETTER_SOURCE_PARTITION
        + " AS p, "
        + LakeLayout.LETTER_SOURCE_OFFSET
        + " AS o FROM "
        + context.sqlName(letters)
        + " WHERE "
        + LakeLayout.LETTER_SOURCE_TOPIC
        + " = "
        + topic
        + " AND "
        + LakeLayout.LETTER_SOURCE_OFFSET
        + " IS NOT NULL AND ("
        + LakeLayout.LETTER_STAGE
        + " = "
        + SparkNames.literal(LakeLayout.RAW_STAGE)
        + " OR ("
        + LakeLayout.LETTER_STAGE
        + " = "
        + SparkNames.literal(LakeLayout.WRITER_STAGE)
        + " AND "
        + LakeLayout.LETTER_DLQ_TOPIC
        + " = "
        + SparkNames.literal(Topics.rawRows(dataset))
        + "))";
  }

  private static String cuts(List<SourceRange> ranges) {
    String values =
        ranges.stream()
            .map(r -> "(" + r.partition() + ", " + r.from() + "L, " + r.to() + "L)")
            .collect(Collectors.joining(", "));
    return "(SELECT * FROM VALUES " + values + " AS c(p, f, t)) c";
  }

  private static BigInteger integer(BigDecimal value) {
    return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
  }
}
