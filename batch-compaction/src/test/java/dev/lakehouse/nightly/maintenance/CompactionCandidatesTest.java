package dev.lakehouse.nightly.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompactionCandidatesTest {
  private static final long TARGET = 100;

  @Test
  void smallFilesOfAPartitionWithEnoughOfThemAreRewritten() {
    CompactionCandidates candidates =
        CompactionCandidates.of(
            List.of(
                file("2026-12-01", 10, 0),
                file("2026-12-01", 20, 0),
                file("2026-12-01", 90, 0),
                file("2026-12-02", 10, 0)),
            TARGET,
            2);
    // 90 bytes is within 75..180 % of the target; 12-02 has a single small file
    assertThat(candidates).isEqualTo(new CompactionCandidates(2, 30, 1));
  }

  @Test
  void aFileWithDeletesIsRewrittenEvenAlone() {
    CompactionCandidates candidates =
        CompactionCandidates.of(List.of(file("p", 95, 1), file("q", 95, 0)), TARGET, 2);
    assertThat(candidates).isEqualTo(new CompactionCandidates(1, 95, 1));
  }

  @Test
  void oversizedFilesAreSplit() {
    CompactionCandidates candidates =
        CompactionCandidates.of(List.of(file("p", 200, 0), file("p", 190, 0)), TARGET, 2);
    assertThat(candidates.files()).isEqualTo(2);
  }

  @Test
  void aCompactedTableHasNothingToDo() {
    CompactionCandidates candidates =
        CompactionCandidates.of(List.of(file("p", 100, 0), file("q", 10, 0)), TARGET, 2);
    assertThat(candidates.files()).isZero();
  }

  private static DataFileFacts file(String partition, long bytes, int deletes) {
    return new DataFileFacts(partition, bytes, deletes);
  }
}
