package dev.lakehouse.nightly.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.junit.jupiter.api.Test;

class StepFailuresTest {
  @Test
  void aLostRaceIsAConflictNotAFailure() {
    assertThat(
            StepFailures.outcomeOf(new ValidationException("Found conflicting files: %s", "x"))
                .status())
        .isEqualTo(StepStatus.CONFLICT);
    StepOutcome wrapped =
        StepFailures.outcomeOf(
            new RuntimeException("job aborted", new CommitFailedException("CAS failed\nmore")));
    assertThat(wrapped.status()).isEqualTo(StepStatus.CONFLICT);
    assertThat(wrapped.summary()).contains("CAS failed").doesNotContain("more");
    assertThat(StepStatus.CONFLICT.failed()).isFalse();
  }

  @Test
  void anythingElseIsAFailure() {
    StepOutcome outcome = StepFailures.outcomeOf(new IllegalStateException("S3 is down"));
    assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
    assertThat(outcome.summary()).contains("IllegalStateException", "S3 is down");
    assertThat(StepStatus.FAILED.failed()).isTrue();
  }
}
