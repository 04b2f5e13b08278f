package dev.lakehouse.nightly.maintenance;

import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewritePositionDeleteFiles;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.actions.SparkActions;

/**
 * Merges the position delete files the compaction left (those of files it did not rewrite, for
 * example after a lost race) and drops those that no longer point at a live file.
 */
final class RewritePositionDeletesStep implements MaintenanceStep {
  private final MaintenanceContext context;

  RewritePositionDeletesStep(MaintenanceContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "rewrite_position_deletes";
  }

  @Override
  public StepOutcome run(TableIdentifier id, Table table, TableShape before) {
    if (before.deleteFiles() == 0) {
      return StepOutcome.of(StepStatus.NOTHING_TO_DO, "no delete files");
    }
    if (context.dryRun()) {
      return StepOutcome.of(
              StepStatus.PLANNED, "would rewrite " + before.deleteFiles() + " delete file(s)")
          .with("deleteFiles", before.deleteFiles());
    }
    RewritePositionDeleteFiles.Result result =
        SparkActions.get(context.spark())
            .rewritePositionDeletes(table)
            .option("rewrite-all", "true")
            .execute();
    return StepOutcome.of(
            StepStatus.DONE,
            "rewrote "
                + result.rewrittenDeleteFilesCount()
                + " delete file(s) into "
                + result.addedDeleteFilesCount())
        .with("rewrittenDeleteFiles", result.rewrittenDeleteFilesCount())
        .with("addedDeleteFiles", result.addedDeleteFilesCount());
  }
}
