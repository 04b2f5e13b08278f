package dev.lakehouse.nightly.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.actions.DeleteOrphanFilesSparkAction;
import org.apache.iceberg.spark.actions.SparkActions;

/**
 * Deletes the files under a table's location that no snapshot or metadata file references (a
 * crashed writer's uploads, a lost race's files), when they are older than {@code
 * nightly.orphan-min-age}: a live writer's files are in no snapshot until it commits, so only age
 * tells them from orphans. In a dry run it lists them and deletes nothing.
 *
 * <p>The listing is a prefix listing of the table's location, ended by a slash: the files of a
 * table whose name extends this one's ({@code order} and {@code order_status}) are never this
 * table's orphans ({@code NightlyMaintenanceIT} ages such a neighbour's files past the margin and
 * checks that they stay).
 */
final class RemoveOrphansStep implements MaintenanceStep {
  /** How many orphan paths the report names. */
  static final int SAMPLE = 20;

  private final MaintenanceContext context;

  RemoveOrphansStep(MaintenanceContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "remove_orphan_files";
  }

  @Override
  public StepOutcome run(TableIdentifier id, Table table, TableShape before) {
    long olderThan = context.clock().millis() - context.settings().orphanMinAge().toMillis();
    String location = table.location().endsWith("/") ? table.location() : table.location() + "/";
    DeleteOrphanFilesSparkAction action =
        SparkActions.get(context.spark())
            .deleteOrphanFiles(table)
            .location(location)
            .usePrefixListing(true)
            .olderThan(olderThan);
    if (context.dryRun()) {
      action = action.deleteWith(path -> {});
    }
    DeleteOrphanFiles.Result result = action.execute();
    List<String> sample = new ArrayList<>();
    long count = 0;
    for (String path : result.orphanFileLocations()) {
      if (sample.size() < SAMPLE) {
        sample.add(path);
      }
      count++;
    }
    String cutoff = " older than " + Instant.ofEpochMilli(olderThan);
    if (count == 0) {
      return StepOutcome.of(StepStatus.NOTHING_TO_DO, "no orphan file" + cutoff);
    }
    return StepOutcome.of(
            context.dryRun() ? StepStatus.PLANNED : StepStatus.DONE,
            (context.dryRun() ? "would delete " : "deleted ") + count + " orphan file(s)" + cutoff)
        .with("orphanFiles", count)
        .with("sample", sample);
  }
}
