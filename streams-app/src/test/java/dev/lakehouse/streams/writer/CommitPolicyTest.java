package dev.lakehouse.streams.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** When a batch is due, on a clock the test sets. */
class CommitPolicyTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final CommitPolicy POLICY = new CommitPolicy(Duration.ofSeconds(5), 1_000, 4);
  private static final LongSupplier NOTHING_WAITING = () -> 0;

  @Test
  void aBatchIsDueAtOneIntervalWhenTheWriterKeepsUp() {
    assertThat(POLICY.commitDue(10, 4 * SECOND, 100, NOTHING_WAITING)).isFalse();
    assertThat(POLICY.commitDue(10, 5 * SECOND, 100, NOTHING_WAITING)).isTrue();
    // what waits is less than one more interval at the batch's pace: no reason to wait
    assertThat(POLICY.commitDue(10, 5 * SECOND, 100, () -> 99)).isTrue();
  }

  @Test
  void theBudgetMakesABatchDueAtOnce() {
    assertThat(POLICY.commitDue(1_000, 0, 1, () -> 1_000_000)).isTrue();
  }

  @Test
  void aWriterCatchingUpWaitsUpToTheCatchUpIntervals() {
    LongSupplier backlog = () -> 10_000;
    assertThat(POLICY.commitDue(10, 5 * SECOND, 100, backlog)).isFalse();
    assertThat(POLICY.commitDue(10, 19 * SECOND, 100, backlog)).isFalse();
    assertThat(POLICY.commitDue(10, 20 * SECOND, 100, backlog)).isTrue();
    // a batch that holds nothing sets no pace: it is due at one interval
    assertThat(POLICY.commitDue(0, 5 * SECOND, 0, backlog)).isTrue();
  }

  @Test
  void theLagIsAskedOnlyWhenTheAnswerDependsOnIt() {
    LongSupplier never =
        () -> {
          throw new AssertionError("asked for the lag");
        };
    assertThat(POLICY.commitDue(10, SECOND, 100, never)).isFalse();
    assertThat(POLICY.commitDue(1_000, 30 * SECOND, 100, never)).isTrue();
    assertThat(POLICY.commitDue(10, 30 * SECOND, 100, never)).isTrue();
  }

  @Test
  void aPolicyThatCouldNeverCommitIsRefused() {
    assertThatThrownBy(() -> new CommitPolicy(Duration.ZERO, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommitPolicy(Duration.ofSeconds(1), 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
