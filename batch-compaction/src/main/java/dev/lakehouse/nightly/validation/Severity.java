package dev.lakehouse.nightly.validation;

/** How bad a failed check is: an error makes the job exit 3, a warning is only reported. */
public enum Severity {
  ERROR,
  WARNING
}
