package dev.lakehouse.nightly.maintenance;

import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteManifests;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.iceberg.spark.actions.SparkActions;

/**
 * Rewrites a table's manifests, grouped by partition, when its current snapshot has more than
 * {@code nightly.manifest-threshold} of them: each streaming commit adds one, and a query plans
 * faster over a few.
 */
final class RewriteManifestsStep implements MaintenanceStep {
  private final MaintenanceContext context;

  RewriteManifestsStep(MaintenanceContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return "rewrite_manifests";
  }

  @Override
  public StepOutcome run(TableIdentifier id, Table table, TableShape before) {
    int threshold = context.settings().manifestThreshold();
    if (before.manifests() <= threshold) {
      return StepOutcome.of(
          StepStatus.NOTHING_TO_DO,
          before.manifests() + " manifest(s), not more than the threshold " + threshold);
    }
    if (context.dryRun()) {
      return StepOutcome.of(
              StepStatus.PLANNED,
              "would rewrite " + before.manifests() + " manifest(s) (threshold " + threshold + ")")
          .with("manifests", before.manifests());
    }
    RewriteManifests.Result result =
        SparkActions.get(context.spark()).rewriteManifests(table).execute();
    int rewritten = Iterables.size(result.rewrittenManifests());
    int added = Iterables.size(result.addedManifests());
    return StepOutcome.of(StepStatus.DONE, "rewrote " + rewritten + " manifest(s) into " + added)
        .with("rewrittenManifests", rewritten)
        .with("addedManifests", added);
  }
}
