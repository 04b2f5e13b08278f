package dev.lakehouse.nightly.validation;

import java.util.List;

/** One kind of check, run over the tables of the run that it applies to. */
public interface LakeCheck {
  /** How many offending keys a result names. */
  int SAMPLE = 10;

  String name();

  List<CheckResult> run(ValidationContext context);
}
