package dev.lakehouse.nightly.validation;

import java.util.List;

/**
 * One check on one table: what it measured against what it expected, and a few keys of the rows
 * that broke it.
 *
 * @param check the check's name, e.g. {@code completeness}
 * @param table the table as {@code namespace.table}
 * @param rule what exactly was checked, e.g. {@code status in [PLACED, ...]}
 * @param sample up to {@value LakeCheck#SAMPLE} keys of offending rows
 */
public record CheckResult(
    String check,
    String table,
    String rule,
    Severity severity,
    long observed,
    Expectation expected,
    boolean passed,
    List<String> sample) {
  public CheckResult {
    sample = List.copyOf(sample);
  }

  public static CheckResult of(
      String check,
      String table,
      String rule,
      Severity severity,
      long observed,
      Expectation expected,
      List<String> sample) {
    return new CheckResult(
        check, table, rule, severity, observed, expected, expected.admits(observed), sample);
  }

  /** Whether this result makes the run fail. */
  public boolean failedError() {
    return !passed && severity == Severity.ERROR;
  }
}
