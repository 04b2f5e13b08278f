package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every way a partition can be resumed, or refused, from its table's offsets and the topic's
 * current range.
 */
class ResumePointTest {
  private static final String TOPIC = "raw.rows.order";

  private static TableHistory committed(Map<String, Long> offsets) {
    return new TableHistory("lake.raw.order", true, Optional.of(CommittedOffsets.of(offsets)));
  }

  @Test
  void aNewEmptyTableStartsAtTheTopicsEarliestOffset() {
    assertThat(ResumePoint.of(TableHistory.empty("lake.raw.order"), TOPIC, 0, 0, 100)).isZero();
    // records may already be gone from an old topic: a new table takes what the topic still has,
    // explicitly
    assertThat(ResumePoint.of(TableHistory.empty("lake.raw.order"), TOPIC, 0, 40, 100))
        .isEqualTo(40);
  }

  @Test
  void aTableResumesAtItsCommittedNextOffset() {
    TableHistory table = committed(Map.of("raw.rows.order-0", 57L, "raw.rows.order-1", 3L));
    assertThat(ResumePoint.of(table, TOPIC, 0, 0, 100)).isEqualTo(57);
    assertThat(ResumePoint.of(table, TOPIC, 1, 3, 3))
        .as("at the very start and end of what is left")
        .isEqualTo(3);
    assertThat(ResumePoint.of(table, TOPIC, 0, 57, 57)).isEqualTo(57);
  }

  @Test
  void aPartitionTheTableHasNotSeenStartsAtZeroAndIsRefusedWhenRecordsBeforeTheEarliestAreGone() {
    TableHistory table = committed(Map.of("raw.rows.order-0", 57L));
    assertThat(ResumePoint.of(table, TOPIC, 2, 0, 9)).isZero();
    assertThat(ResumePoint.of(table, "dlq.raw", 0, 0, 9)).isZero();
    // its first records arrived while the writer was down, and retention removed them before it
    // came back
    assertThatThrownBy(() -> ResumePoint.of(table, TOPIC, 2, 5, 9))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining("raw.rows.order-2")
        .hasMessageContaining("[0, 5)");
  }

  @Test
  void anOffsetNoLongerInTheTopicIsRefusedWithThePartitionAndTheGap() {
    TableHistory table = committed(Map.of("raw.rows.order-1", 57L));
    assertThatThrownBy(() -> ResumePoint.of(table, TOPIC, 1, 80, 200))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining("raw.rows.order-1")
        .hasMessageContaining("[57, 80)")
        .hasMessageContaining("lake.raw.order")
        .hasMessageContaining("retention or deleteRecords");
  }

  @Test
  void aTopicWhoseEndIsBehindTheTableIsRefusedAsRecreated() {
    TableHistory table = committed(Map.of("raw.rows.order-0", 57L));
    assertThatThrownBy(() -> ResumePoint.of(table, TOPIC, 0, 0, 12))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining("raw.rows.order-0")
        .hasMessageContaining("ends at 12")
        .hasMessageContaining("created again");
    // a recreated topic that is empty too
    assertThatThrownBy(() -> ResumePoint.of(table, TOPIC, 0, 0, 0))
        .isInstanceOf(ResumeRefusedException.class);
  }

  @Test
  void aTableWithSnapshotsButNoOffsetsIsRefusedNotTreatedAsNew() {
    TableHistory lostOffsets = new TableHistory("lake.raw.order", true, Optional.empty());
    assertThatThrownBy(() -> ResumePoint.of(lostOffsets, TOPIC, 0, 0, 100))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining("lake.raw.order")
        .hasMessageContaining(CommittedOffsets.SUMMARY_KEY)
        .hasMessageContaining("will not append the whole topic again");
  }
}
