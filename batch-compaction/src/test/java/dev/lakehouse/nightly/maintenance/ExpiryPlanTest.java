package dev.lakehouse.nightly.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.lake.LakeMarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpiryPlanTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long NOW = 100 * DAY;
  private static final Set<String> OFFSETS = Set.of(LakeMarks.KAFKA_OFFSETS);
  private static final Set<String> NONE = Set.of();

  @Test
  void compactionsAfterTheLastWriterCommitKeepItWithRetainLastOne() {
    // newest first: three replace snapshots of tonight's job, then the writer's last commit
    List<LineageSnapshot> lineage =
        List.of(
            snapshot(5, NOW - 10, NONE),
            snapshot(4, NOW - 20, NONE),
            snapshot(3, NOW - 30, NONE),
            snapshot(2, NOW - 6 * DAY, OFFSETS),
            snapshot(1, NOW - 7 * DAY, OFFSETS));

    ExpiryPlan plan = ExpiryPlan.of(lineage, NOW, Duration.ZERO, 1, LakeMarks.RESUME_KEYS);

    assertThat(plan.resumeSnapshots()).containsEntry(LakeMarks.KAFKA_OFFSETS, 2L);
    assertThat(plan.keptIds()).containsExactly(5L, 4L, 3L, 2L);
    assertThat(plan.expiredIds()).containsExactly(1L);
    assertThat(plan.retainLast()).isEqualTo(4);
    assertThat(plan.olderThanMillis()).isEqualTo(NOW - 6 * DAY);
  }

  @Test
  void aClockThatWentBackCannotStopTheWalkBeforeTheCarrier() {
    // snapshot 3 was committed by a machine whose clock was behind: older than the writer's commit
    List<LineageSnapshot> lineage =
        List.of(
            snapshot(4, NOW - 10, NONE),
            snapshot(3, NOW - 9 * DAY, NONE),
            snapshot(2, NOW - 6 * DAY, OFFSETS),
            snapshot(1, NOW - 8 * DAY, OFFSETS));

    ExpiryPlan plan = ExpiryPlan.of(lineage, NOW, Duration.ofDays(5), 1, LakeMarks.RESUME_KEYS);

    // the cut-off moves back to snapshot 3's time, so snapshot 1 (younger than it) stays as well
    assertThat(plan.olderThanMillis()).isEqualTo(NOW - 9 * DAY);
    assertThat(plan.keptIds()).containsExactly(4L, 3L, 2L, 1L);
    assertThat(plan.expiredIds()).isEmpty();
  }

  @Test
  void theLettersMarksOfTheDeadLetterTableAreKeptToo() {
    Set<String> letters = Set.of(LakeMarks.WRITER_LETTER_OFFSETS, LakeMarks.KAFKA_OFFSETS);
    List<LineageSnapshot> lineage =
        List.of(
            snapshot(4, NOW - 1, NONE),
            snapshot(3, NOW - 2 * DAY, OFFSETS),
            snapshot(2, NOW - 20 * DAY, letters),
            snapshot(1, NOW - 30 * DAY, letters));

    ExpiryPlan plan = ExpiryPlan.of(lineage, NOW, Duration.ofDays(5), 1, LakeMarks.RESUME_KEYS);

    assertThat(plan.resumeSnapshots())
        .containsEntry(LakeMarks.KAFKA_OFFSETS, 3L)
        .containsEntry(LakeMarks.WRITER_LETTER_OFFSETS, 2L);
    assertThat(plan.keptIds()).containsExactly(4L, 3L, 2L);
    assertThat(plan.expiredIds()).containsExactly(1L);
  }

  @Test
  void aTableNoWriterWroteExpiresByAgeAndCountAlone() {
    List<LineageSnapshot> lineage =
        List.of(
            snapshot(4, NOW - 1, NONE),
            snapshot(3, NOW - 2 * DAY, NONE),
            snapshot(2, NOW - 6 * DAY, NONE),
            snapshot(1, NOW - 7 * DAY, NONE));

    ExpiryPlan plan = ExpiryPlan.of(lineage, NOW, Duration.ofDays(5), 1, LakeMarks.RESUME_KEYS);

    assertThat(plan.resumeSnapshots()).isEmpty();
    assertThat(plan.keptIds()).containsExactly(4L, 3L);
    assertThat(plan.expiredIds()).containsExactly(2L, 1L);
    assertThat(plan.olderThanMillis()).isEqualTo(NOW - 5 * DAY);
  }

  @Test
  void retainLastKeepsYoungAndOldAlike() {
    List<LineageSnapshot> lineage = new ArrayList<>();
    for (int i = 10; i >= 1; i--) {
      lineage.add(snapshot(i, NOW - (11 - i) * DAY, i <= 3 ? OFFSETS : NONE));
    }
    ExpiryPlan plan = ExpiryPlan.of(lineage, NOW, Duration.ofDays(1), 9, LakeMarks.RESUME_KEYS);
    assertThat(plan.keptIds()).hasSize(9).doesNotContain(1L);
    assertThat(plan.expiredIds()).containsExactly(1L);
  }

  @Test
  void anyLineageKeepsTheNewestCarrierOfEveryKey() {
    java.util.Random random = new java.util.Random(7);
    for (int run = 0; run < 2_000; run++) {
      List<LineageSnapshot> lineage = new ArrayList<>();
      int size = 1 + random.nextInt(12);
      for (int i = 0; i < size; i++) {
        long time = NOW - random.nextInt(20) * DAY + random.nextInt(1000);
        Set<String> keys =
            switch (random.nextInt(4)) {
              case 0 -> OFFSETS;
              case 1 -> Set.of(LakeMarks.KAFKA_OFFSETS, LakeMarks.WRITER_LETTER_OFFSETS);
              default -> NONE;
            };
        lineage.add(snapshot(size - i, time, keys));
      }
      int retainLast = 1 + random.nextInt(3);
      Duration maxAge = Duration.ofDays(random.nextInt(8));
      ExpiryPlan plan = ExpiryPlan.of(lineage, NOW, maxAge, retainLast, LakeMarks.RESUME_KEYS);
      for (String key : LakeMarks.RESUME_KEYS) {
        lineage.stream()
            .filter(s -> s.summaryKeys().contains(key))
            .findFirst()
            .ifPresent(carrier -> assertThat(plan.keptIds()).contains(carrier.id()));
      }
      assertThat(plan.keptIds()).hasSizeGreaterThanOrEqualTo(Math.min(retainLast, size));
      assertThat(plan.keptIds().size() + plan.expiredIds().size()).isEqualTo(size);
    }
  }

  private static LineageSnapshot snapshot(long id, long time, Set<String> keys) {
    return new LineageSnapshot(id, time, keys);
  }
}
