package dev.lakehouse.nightly.maintenance;

import dev.lakehouse.common.lake.LakeMarks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Expires the snapshots older than {@code nightly.snapshot-max-age} beyond the last {@code
 * nightly.snapshot-retain-last}, and the files only they held, but never the newest snapshot that
 * carries a writer's resume marks: the {@link ExpiryPlan} moves the cut-off back to it. After the
 * expiry, the step checks that every mark's snapshot is still in the table, and fails loudly if
 * not.
 */
final class ExpireSnapshotsStep implements MaintenanceStep {
  private final MaintenanceContext context;

  ExpireSnapshotsStep(MaintenanceContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "expire_snapshots";
  }

  @Override
  public StepOutcome run(TableIdentifier id, Table table, TableShape before) {
    List<LineageSnapshot> lineage = new ArrayList<>();
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      lineage.add(
          new LineageSnapshot(
              snapshot.snapshotId(), snapshot.timestampMillis(), snapshot.summary().keySet()));
    }
    ExpiryPlan plan =
        ExpiryPlan.of(
            lineage,
            context.clock().millis(),
            context.settings().snapshotMaxAge(),
            context.settings().snapshotRetainLast(),
            LakeMarks.RESUME_KEYS);
    long outsideLineage = Math.max(0, before.snapshots() - lineage.size());
    String kept =
        plan.resumeSnapshots().isEmpty()
            ? ""
            : "; keeps snapshot(s) "
                + new java.util.TreeSet<>(plan.resumeSnapshots().values())
                + ", the writer's resume point";
    if (plan.expiredIds().isEmpty() && outsideLineage == 0) {
      return StepOutcome.of(
              StepStatus.NOTHING_TO_DO,
              "no snapshot older than " + Instant.ofEpochMilli(plan.olderThanMillis()) + kept)
          .with("resumeSnapshots", plan.resumeSnapshots());
    }
    if (context.dryRun()) {
      return StepOutcome.of(
              StepStatus.PLANNED,
              "would expire "
                  + plan.expiredIds().size()
                  + " snapshot(s) older than "
                  + Instant.ofEpochMilli(plan.olderThanMillis())
                  + kept)
          .with("expiredSnapshots", plan.expiredIds().size())
          .with("resumeSnapshots", plan.resumeSnapshots());
    }
    ExpireSnapshots.Result result =
        SparkActions.get(context.spark())
            .expireSnapshots(table)
            .expireOlderThan(plan.olderThanMillis())
            .retainLast(plan.retainLast())
            .execute();
    table.refresh();
    for (Map.Entry<String, Long> mark : plan.resumeSnapshots().entrySet()) {
      if (table.snapshot(mark.getValue()) == null) {
        throw new IllegalStateException(
            "the expiry removed snapshot "
                + mark.getValue()
                + " that carries "
                + mark.getKey()
                + ": the writer cannot resume; see docs/exactly-once.md, \"No snapshot with offsets\"");
      }
    }
    int after = 0;
    for (Snapshot ignored : table.snapshots()) {
      after++;
    }
    return StepOutcome.of(
            StepStatus.DONE,
            "expired "
                + (before.snapshots() - after)
                + " snapshot(s) and "
                + result.deletedDataFilesCount()
                + " data file(s)"
                + kept)
        .with("expiredSnapshots", before.snapshots() - after)
        .with("deletedDataFiles", result.deletedDataFilesCount())
        .with("deletedDeleteFiles", result.deletedPositionDeleteFilesCount())
        .with("deletedManifests", result.deletedManifestsCount())
        .with("deletedManifestLists", result.deletedManifestListsCount())
        .with("resumeSnapshots", plan.resumeSnapshots());
  }
}
