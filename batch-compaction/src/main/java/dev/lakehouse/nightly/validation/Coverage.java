package dev.lakehouse.nightly.validation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Compares, with no I/O, a source topic's records with the offsets the lake holds for them (rows
 * and dead letters): per partition, every record's offset must be in the lake once, and the lake
 * must hold no offset that is not a record.
 *
 * <p>A partition whose distinct lake offsets have the records' count, sum and sum of squares holds
 * the same set (a different set with all three equal would need offsets that are missing and extra
 * in a pattern no fault produces); only the other partitions' offsets are read and compared one by
 * one, which names the missing records.
 *
 * @param records the source records compared
 * @param covered the distinct offsets the lake holds among them
 * @param missing sample of records the lake lacks, as {@code topic-partition@offset}
 * @param unknown sample of offsets the lake holds that are no record
 */
record Coverage(long records, long covered, List<String> missing, List<String> unknown) {
  boolean complete() {
    return records == covered && missing.isEmpty() && unknown.isEmpty();
  }

  /**
   * @param lakeSums per partition, the sums of the distinct offsets the lake holds in its range
   * @param lakeOffsets per partition whose sums differ from the records', the offsets the lake
   *     holds in its range
   */
  static Coverage of(
      String topic,
      List<SourceRange> ranges,
      Map<Integer, SourceRange.OffsetSums> lakeSums,
      Map<Integer, long[]> lakeOffsets) {
    long records = 0;
    long covered = 0;
    List<String> missing = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (SourceRange range : ranges) {
      records += range.records();
      if (range.sums().equals(lakeSums.get(range.partition()))) {
        covered += range.records();
        continue;
      }
      BitSet inLake = new BitSet();
      for (long offset : lakeOffsets.getOrDefault(range.partition(), new long[0])) {
        if (offset < range.from() || offset >= range.to()) {
          continue;
        }
        int bit = (int) (offset - range.from());
        if (!range.offsets().get(bit)) {
          add(unknown, topic, range.partition(), offset);
        }
        inLake.set(bit);
      }
      BitSet both = (BitSet) range.offsets().clone();
      both.and(inLake);
      covered += both.cardinality();
      BitSet lacking = (BitSet) range.offsets().clone();
      lacking.andNot(inLake);
      for (int bit = lacking.nextSetBit(0);
          bit >= 0 && missing.size() < LakeCheck.SAMPLE;
          bit = lacking.nextSetBit(bit + 1)) {
        add(missing, topic, range.partition(), range.from() + bit);
      }
    }
    return new Coverage(records, covered, missing, unknown);
  }

  /** The partitions whose lake sums differ from their records': their offsets must be read. */
  static List<Integer> differing(
      List<SourceRange> ranges, Map<Integer, SourceRange.OffsetSums> lakeSums) {
    return ranges.stream()
        .filter(r -> !r.sums().equals(lakeSums.get(r.partition())))
        .map(SourceRange::partition)
        .toList();
  }

  private static void add(List<String> sample, String topic, int partition, long offset) {
    if (sample.size() < LakeCheck.SAMPLE) {
      sample.add(topic + "-" + partition + "@" + offset);
    }
  }
}
