package dev.lakehouse.nightly.validation;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of the end of a run, in order. A check that cannot run (Kafka unreachable, a table
 * unreadable) is itself an error result: a lake that could not be checked is not a lake that
 * passed.
 */
public final class LakeValidation {
  private static final Logger LOG = LoggerFactory.getLogger(LakeValidation.class);

  private LakeValidation() {}

  static List<LakeCheck> checks() {
    return List.of(
        new CompletenessCheck(),
        new UniquenessCheck(),
        new ValidityCheck(),
        new ReferentialCheck(),
        new ConsistencyCheck(),
        new FreshnessCheck());
  }

  public static List<CheckResult> run(ValidationContext context) {
    List<CheckResult> results = new ArrayList<>();
    for (LakeCheck check : checks()) {
      long started = System.nanoTime();
      List<CheckResult> found;
      try {
        found = check.run(context);
      } catch (RuntimeException e) {
        LOG.warn("check {} could not run", check.name(), e);
        found =
            List.of(
                CheckResult.of(
                    check.name(),
                    "*",
                    "could not run: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Severity.ERROR,
                    1,
                    Expectation.equalTo(0),
                    List.of()));
      }
      for (CheckResult result : found) {
        LOG.info(
            "check {} on {}: {} {} (observed {}, expected {}): {}",
            result.check(),
            result.table(),
            result.passed() ? "passed" : "FAILED",
            result.severity(),
            result.observed(),
            result.expected().describe(),
            result.rule());
      }
      LOG.info(
          "check {}: {} result(s) in {} ms",
          check.name(),
          found.size(),
          (System.nanoTime() - started) / 1_000_000);
      results.addAll(found);
    }
    return results;
  }
}
