package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which writer letters of a batch the dead-letter table still needs, and the marks committed with
 * them.
 */
class WriterLetterMarksTest {
  private static final String P0 = "raw.rows.order-0";
  private static final String P1 = "raw.rows.order-1";

  @Test
  void aFreshTableNeedsEveryLetter() {
    WriterLetterMarks.Decision decision =
        WriterLetterMarks.none().decide(List.of(at(P0, 5), at(P0, 9), at(P1, 2)));
    assertThat(decision.toWrite()).containsExactly(0, 1, 2);
    assertThat(decision.after().asMap()).isEqualTo(Map.of(P0, 10L, P1, 3L));
  }

  @Test
  void aReplayAfterACrashBetweenTheTwoCommitsWritesNoLetterTwice() {
    // the letters of [0, 20) were committed, the data table's commit was not: the batch is read
    // again,
    // perhaps cut differently, and runs on past the old batch's end
    WriterLetterMarks committed =
        WriterLetterMarks.none().decide(List.of(at(P0, 5), at(P0, 9))).after();
    WriterLetterMarks.Decision replay = committed.decide(List.of(at(P0, 5), at(P0, 9), at(P0, 23)));
    assertThat(replay.toWrite()).containsExactly(2);
    assertThat(replay.after().asMap()).isEqualTo(Map.of(P0, 24L));
    assertThat(committed.decide(List.of(at(P0, 5), at(P0, 9))).toWrite()).isEmpty();
  }

  @Test
  void aLaterBatchWritesItsOwnLettersAndKeepsTheOtherPartitionsMarks() {
    WriterLetterMarks marks = WriterLetterMarks.of(Map.of(P0, 10L, P1, 3L));
    WriterLetterMarks.Decision decision = marks.decide(List.of(at(P0, 10), at(P0, 40)));
    assertThat(decision.toWrite()).containsExactly(0, 1);
    assertThat(decision.after().asMap()).isEqualTo(Map.of(P0, 41L, P1, 3L));
  }

  @Test
  void theMarksReadBackFromASummary() {
    WriterLetterMarks marks = WriterLetterMarks.of(Map.of(P0, 10L, P1, 3L));
    assertThat(WriterLetterMarks.fromSummary(Map.of(WriterLetterMarks.SUMMARY_KEY, marks.encode())))
        .contains(marks);
    assertThat(WriterLetterMarks.fromSummary(Map.of(CommittedOffsets.SUMMARY_KEY, "x-0=1")))
        .isEmpty();
    assertThat(WriterLetterMarks.fromSnapshots(List.of()).asMap()).isEmpty();
  }

  private static WriterLetterMarks.Position at(String partition, long offset) {
    return new WriterLetterMarks.Position(partition, offset);
  }
}
