package dev.lakehouse.nightly.views;

/** What the views step did to one view (or, in a dry run, would do), and why. */
public record ViewChange(String view, Action action, String reason) {
  /** How a view ended. */
  public enum Action {
    CREATED,
    REPLACED,
    UNCHANGED,
    /** Not applied: the catalog keeps no views, or a table it reads is missing. */
    SKIPPED,
    FAILED
  }

  public boolean changed() {
    return action == Action.CREATED || action == Action.REPLACED;
  }
}
