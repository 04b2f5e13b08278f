package dev.lakehouse.nightly.maintenance;

/** How a maintenance step ended on a table. */
public enum StepStatus {
  /** it changed the table */
  DONE,
  /** the table needed nothing from it */
  NOTHING_TO_DO,
  /** a dry run: what it would do, nothing committed */
  PLANNED,
  /** part of it committed; the rest lost to concurrent commits and waits for the next run */
  PARTIAL,
  /**
   * it lost to a concurrent commit and was skipped; the table is as before, the next run retries
   */
  CONFLICT,
  /** it failed; the table is as before, and the job exits non-zero */
  FAILED;

  /** Whether the run must report a failure. */
  public boolean failed() {
    return this == FAILED;
  }
}
