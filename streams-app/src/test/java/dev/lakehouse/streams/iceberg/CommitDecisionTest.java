package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.streams.iceberg.CommitDecision.Verdict;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommitDecisionTest {
  private static final CommittedOffsets TABLE =
      CommittedOffsets.of(Map.of("raw.rows-0", 100L, "raw.rows-1", 50L));

  @Test
  void aBatchThatContinuesTheTableIsCommitted() {
    assertThat(
            CommitDecision.decide(
                    TABLE,
                    List.of(
                        new OffsetRange(new TopicPartition("raw.rows", 0), 100, 180),
                        new OffsetRange(new TopicPartition("raw.rows", 1), 50, 51)))
                .verdict())
        .isEqualTo(Verdict.COMMIT);
    assertThat(
            CommitDecision.decide(
                    CommittedOffsets.none(),
                    List.of(new OffsetRange(new TopicPartition("raw.rows", 0), 0, 10)))
                .verdict())
        .as("first commit to an empty table")
        .isEqualTo(Verdict.COMMIT);
    assertThat(
            CommitDecision.decide(
                    TABLE, List.of(new OffsetRange(new TopicPartition("raw.rows", 2), 7, 9)))
                .verdict())
        .as("a partition the table has not seen yet")
        .isEqualTo(Verdict.COMMIT);
  }

  @Test
  void aReplayOfCommittedInputIsDropped() {
    CommitDecision decision =
        CommitDecision.decide(
            TABLE,
            List.of(
                new OffsetRange(new TopicPartition("raw.rows", 0), 20, 100),
                new OffsetRange(new TopicPartition("raw.rows", 1), 0, 50)));
    assertThat(decision.verdict()).isEqualTo(Verdict.ALREADY_COMMITTED);
  }

  @Test
  void aGapOrAnOverlapIsAConflict() {
    CommitDecision gap =
        CommitDecision.decide(
            TABLE, List.of(new OffsetRange(new TopicPartition("raw.rows", 0), 120, 130)));
    assertThat(gap.verdict()).isEqualTo(Verdict.CONFLICT);
    assertThat(gap.reasons())
        .singleElement()
        .asString()
        .contains("raw.rows-0", "table is at 100", "[120, 130)");
    assertThat(
            CommitDecision.decide(
                    TABLE, List.of(new OffsetRange(new TopicPartition("raw.rows", 0), 90, 130)))
                .verdict())
        .as("a zombie committed part of this range")
        .isEqualTo(Verdict.CONFLICT);
    assertThat(
            CommitDecision.decide(
                    TABLE,
                    List.of(
                        new OffsetRange(new TopicPartition("raw.rows", 0), 100, 130),
                        new OffsetRange(new TopicPartition("raw.rows", 1), 10, 50)))
                .verdict())
        .as("half new, half committed: never apply any of it")
        .isEqualTo(Verdict.CONFLICT);
  }

  @Test
  void offsetsRoundTripThroughTheSummaryForm() {
    CommittedOffsets offsets =
        CommittedOffsets.of(
            Map.of("raw.rows.order-10", 7L, "raw.rows.order-2", 123456789012L, "a-b-c-0", 0L));
    assertThat(CommittedOffsets.decode(offsets.encode())).isEqualTo(offsets);
    assertThat(offsets.encode())
        .isEqualTo("a-b-c-0=0,raw.rows.order-10=7,raw.rows.order-2=123456789012");
    assertThat(CommittedOffsets.fromSummary(Map.of(CommittedOffsets.SUMMARY_KEY, offsets.encode())))
        .contains(offsets);
    assertThat(CommittedOffsets.fromSummary(Map.of("added-records", "5"))).isEmpty();
    assertThat(offsets.advancedTo(Map.of("raw.rows.order-2", 123456789099L, "x-1", 5L)).asMap())
        .containsEntry("raw.rows.order-2", 123456789099L)
        .containsEntry("raw.rows.order-10", 7L)
        .containsEntry("x-1", 5L);
    assertThatThrownBy(() -> CommittedOffsets.of(Map.of("no-partition-x", 1L)))
        .hasMessageContaining("topic-partition");
    assertThatThrownBy(() -> CommittedOffsets.decode("t-0")).hasMessageContaining("corrupt");
  }
}
