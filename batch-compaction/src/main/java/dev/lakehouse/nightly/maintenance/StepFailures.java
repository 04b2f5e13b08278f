package dev.lakehouse.nightly.maintenance;

import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * Tells a step that lost to a concurrent commit from one that failed. Iceberg refuses a commit
 * whose base moved in a way it cannot merge ({@link ValidationException}) and gives up after its
 * own retries of the catalog's compare-and-swap ({@link CommitFailedException}); either way nothing
 * of the step landed, the streaming writer was not disturbed, and the next run tries again.
 */
public final class StepFailures {
  private StepFailures() {}

  public static StepOutcome outcomeOf(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ValidationException || cause instanceof CommitFailedException) {
        return StepOutcome.of(
            StepStatus.CONFLICT,
            "skipped: a concurrent commit won (" + firstLine(cause) + "); the next run retries");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return StepOutcome.of(
        StepStatus.FAILED,
        "failed: " + failure.getClass().getSimpleName() + ": " + firstLine(failure));
  }

  private static String firstLine(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
