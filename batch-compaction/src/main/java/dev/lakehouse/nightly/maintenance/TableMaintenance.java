package dev.lakehouse.nightly.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the maintenance steps on one table, in their order, each on the table as the previous one
 * left it. A step that loses to a concurrent commit or fails is reported and the next step runs: no
 * table's trouble stops another step or another table.
 */
public final class TableMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

  private final Catalog catalog;
  private final List<MaintenanceStep> steps;
  private final Consumer<List<StepResult>> progress;

  /**
   * @param progress told of every table's steps as soon as the last one ended
   */
  public TableMaintenance(
      Catalog catalog, List<MaintenanceStep> steps, Consumer<List<StepResult>> progress) {
    this.catalog = catalog;
    this.steps = List.copyOf(steps);
    this.progress = progress;
  }

  /** The steps of a nightly run, in the order they must run. */
  public static List<MaintenanceStep> nightlySteps(MaintenanceContext context) {
    return List.of(
        new ConsolidateStep(context),
        new CompactStep(context),
        new RewritePositionDeletesStep(context),
        new RewriteManifestsStep(context),
        new ExpireSnapshotsStep(context),
        new RemoveOrphansStep(context));
  }

  public List<StepResult> run(TableIdentifier id) {
    List<StepResult> results = new ArrayList<>();
    for (MaintenanceStep step : steps) {
      long started = System.nanoTime();
      Instant startedAt = Instant.now();
      Table table = catalog.loadTable(id);
      TableShape before = TableShape.of(table);
      StepOutcome outcome;
      try {
        outcome = step.run(id, table, before);
      } catch (RuntimeException e) {
        outcome = StepFailures.outcomeOf(e);
        LOG.warn("table {}: step {} {}", id, step.name(), outcome.summary(), e);
      }
      TableShape after = TableShape.of(catalog.loadTable(id));
      long millis = (System.nanoTime() - started) / 1_000_000;
      StepResult result =
          StepResult.of(id.toString(), step.name(), outcome, before, after, startedAt, millis);
      LOG.info(
          "table {}: {} {} in {} ms: {}; data files {} -> {}, bytes {} -> {}, rows {} -> {}, snapshots {} -> {}",
          id,
          step.name(),
          outcome.status(),
          millis,
          outcome.summary(),
          before.dataFiles(),
          after.dataFiles(),
          before.bytes(),
          after.bytes(),
          before.rows(),
          after.rows(),
          before.snapshots(),
          after.snapshots());
      results.add(result);
    }
    progress.accept(List.copyOf(results));
    return results;
  }
}
