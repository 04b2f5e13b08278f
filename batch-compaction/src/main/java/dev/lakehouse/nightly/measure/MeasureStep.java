package dev.lakehouse.nightly.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job's measure step: loads what {@code ops.process_log} holds into the star schema of
 * {@link MeasureSql} (dimensions, then the fact), adding only the keys the tables lack, so that a
 * re-run, or a run over a log that has grown, adds each run once. A dry run counts what it would
 * add.
 */
public final class MeasureStep {
  private static final Logger LOG = LoggerFactory.getLogger(MeasureStep.class);

  private final SparkSession spark;
  private final Catalog catalog;
  private final boolean dryRun;

  public MeasureStep(SparkSession spark, Catalog catalog, boolean dryRun) {
    this.spark = spark;
    this.catalog = catalog;
    this.dryRun = dryRun;
  }

  /** What a dry run would add: the source's keys the table lacks (all, when it does not exist). */
  private long countNew(MeasureSql.Load load) {
    return catalog.tableExists(TableIdentifier.parse(load.table()))
        ? spark.sql(load.countNew()).first().getLong(0)
        : spark.table(load.source()).count();
  }

  /**
   * Merges the source into the table and returns the rows its commit added (0 when it committed
   * nothing): one Spark job per table, not a count and then a merge.
   */
  private long merge(MeasureSql.Load load) {
    Table table = catalog.loadTable(TableIdentifier.parse(load.table()));
    Long before = table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    spark.sql(load.merge());
    table.refresh();
    Snapshot after = table.currentSnapshot();
    if (after == null || (before != null && after.snapshotId() == before)) {
      return 0;
    }
    return Long.parseLong(after.summary().getOrDefault("added-records", "0"));
  }

  public MeasureResult run() {
    long started = System.nanoTime();
    if (!catalog.tableExists(TableIdentifier.parse(MeasureSql.PROCESS_LOG))) {
      LOG.info("measure: {} does not exist yet: nothing to measure", MeasureSql.PROCESS_LOG);
      return MeasureResult.skipped(MeasureSql.PROCESS_LOG + " does not exist");
    }
    try {
      if (!dryRun) {
        MeasureSql.tables().forEach(spark::sql);
      }
      MeasureSql.sources().forEach(spark::sql);
      // every load reads the runs' ends: the process log is read once
      spark.sql("CACHE TABLE " + MeasureSql.ENDS);
      Map<String, Long> added = new LinkedHashMap<>();
      try {
        for (MeasureSql.Load load : MeasureSql.loads()) {
          long fresh = dryRun ? countNew(load) : merge(load);
          added.put(load.table(), fresh);
          LOG.info(
              "measure: {} {} row(s) to {}", dryRun ? "would add" : "added", fresh, load.table());
        }
      } finally {
        spark.sql("UNCACHE TABLE IF EXISTS " + MeasureSql.ENDS);
      }
      return new MeasureResult(
          MeasureResult.Status.DONE, added, "", (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.warn("measure: the star schema could not be loaded", e);
      return new MeasureResult(
          MeasureResult.Status.FAILED,
          Map.of(),
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }
}
