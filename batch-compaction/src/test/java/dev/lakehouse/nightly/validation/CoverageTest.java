package dev.lakehouse.nightly.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTest {
  @Test
  void aLakeWithEveryRecordOnceIsCompleteWithoutReadingItsOffsets() {
    // offsets 10..19 with transaction markers at 13 and 17
    SourceRange range = range(0, 10, 20, 13, 17);
    Coverage coverage = Coverage.of("src.t", List.of(range), Map.of(0, range.sums()), Map.of());
    assertThat(coverage.complete()).isTrue();
    assertThat(coverage.records()).isEqualTo(8);
    assertThat(coverage.covered()).isEqualTo(8);
    assertThat(Coverage.differing(List.of(range), Map.of(0, range.sums()))).isEmpty();
  }

  @Test
  void aMissingRecordIsNamed() {
    SourceRange range = range(1, 0, 6, 2);
    long[] lake = {0, 1, 3, 5};
    SourceRange.OffsetSums lakeSums = sums(lake);
    assertThat(Coverage.differing(List.of(range), Map.of(1, lakeSums))).containsExactly(1);
    Coverage coverage = Coverage.of("src.t", List.of(range), Map.of(1, lakeSums), Map.of(1, lake));
    assertThat(coverage.complete()).isFalse();
    assertThat(coverage.records()).isEqualTo(5);
    assertThat(coverage.covered()).isEqualTo(4);
    assertThat(coverage.missing()).containsExactly("src.t-1@4");
    assertThat(coverage.unknown()).isEmpty();
  }

  @Test
  void anOffsetThatIsNoRecordIsNamedEvenWhenTheCountsAgree() {
    // the lake lacks 4 but holds 2, a transaction marker: same count, other set
    SourceRange range = range(0, 0, 6, 2);
    long[] lake = {0, 1, 2, 3, 5};
    SourceRange.OffsetSums lakeSums = sums(lake);
    assertThat(lakeSums.count()).isEqualTo(range.records());
    Coverage coverage = Coverage.of("src.t", List.of(range), Map.of(0, lakeSums), Map.of(0, lake));
    assertThat(coverage.complete()).isFalse();
    assertThat(coverage.missing()).containsExactly("src.t-0@4");
    assertThat(coverage.unknown()).containsExactly("src.t-0@2");
  }

  @Test
  void anEmptyPartitionWithNothingInTheLakeIsComplete() {
    SourceRange range = range(3, 7, 7);
    Coverage coverage = Coverage.of("src.t", List.of(range), Map.of(), Map.of());
    assertThat(coverage.complete()).isTrue();
  }

  /** The records from..to-1 except the markers. */
  private static SourceRange range(int partition, long from, long to, long... markers) {
    BitSet offsets = new BitSet();
    long records = 0;
    for (long offset = from; offset < to; offset++) {
      boolean marker = false;
      for (long m : markers) {
        marker |= m == offset;
      }
      if (!marker) {
        offsets.set((int) (offset - from));
        records++;
      }
    }
    return new SourceRange(partition, from, to, records, offsets);
  }

  private static SourceRange.OffsetSums sums(long[] offsets) {
    BitSet bits = new BitSet();
    for (long offset : offsets) {
      bits.set((int) offset);
    }
    return new SourceRange(0, 0, 100, offsets.length, bits).sums();
  }
}
