package dev.lakehouse.nightly.maintenance;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/** One maintenance step, run on one table at a time. */
public interface MaintenanceStep {
  /** The step's name in logs and the report, e.g. {@code compact}. */
  String name();

  /**
   * Runs the step on the freshly loaded {@code table}, or in a dry run says what it would do.
   *
   * @param before the table's shape when the step starts
   */
  StepOutcome run(TableIdentifier id, Table table, TableShape before);
}
