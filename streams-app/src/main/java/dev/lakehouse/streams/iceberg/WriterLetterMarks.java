package dev.lakehouse.streams.iceberg;

import dev.lakehouse.common.lake.LakeMarks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;

/**
 * How far the writer's own dead letters reach in {@code raw.dead_letters}: for each rows-topic
 * partition, the offset after the highest record whose writer-stage dead letter the table holds.
 * Written, under {@value #SUMMARY_KEY}, into the summary of the snapshot that adds those letters,
 * which is committed before the data table's commit of the same batch. A writer that reads the
 * records again (after a crash between the two commits, or as a partition's next owner) finds their
 * letters covered and does not write them twice. Encoded as {@link CommittedOffsets} are; no I/O.
 */
public final class WriterLetterMarks {
  public static final String SUMMARY_KEY = LakeMarks.WRITER_LETTER_OFFSETS;

  /**
   * Where a writer letter comes from: its rows-topic partition ({@link
   * CommittedOffsets#partitionKey}) and offset.
   */
  public record Position(String partitionKey, long offset) {}

  /**
   * The letters to write now (their indexes in the batch's list), and the marks to commit with
   * them.
   */
  public record Decision(List<Integer> toWrite, WriterLetterMarks after) {}

  private final CommittedOffsets marks;

  private WriterLetterMarks(CommittedOffsets marks) {
    this.marks = marks;
  }

  public static WriterLetterMarks none() {
    return new WriterLetterMarks(CommittedOffsets.none());
  }

  public static WriterLetterMarks of(Map<String, Long> marks) {
    return new WriterLetterMarks(CommittedOffsets.of(marks));
  }

  /** The marks of the newest snapshot that has them, walking back from the current one. */
  public static WriterLetterMarks fromSnapshots(Iterable<Snapshot> newestFirst) {
    for (Snapshot snapshot : newestFirst) {
      Optional<WriterLetterMarks> marks = fromSummary(snapshot.summary());
      if (marks.isPresent()) {
        return marks.get();
      }
    }
    return none();
  }

  static Optional<WriterLetterMarks> fromSummary(Map<String, String> summary) {
    String encoded = summary == null ? null : summary.get(SUMMARY_KEY);
    return encoded == null
        ? Optional.empty()
        : Optional.of(new WriterLetterMarks(CommittedOffsets.decode(encoded)));
  }

  /** Whether the table already holds the letter of the record at {@code position}. */
  public boolean covers(Position position) {
    return marks.next(position.partitionKey()).orElse(0L) > position.offset();
  }

  /**
   * The letters of a batch the table does not hold yet, and the marks that will say it holds them:
   * a fresh table holds none, a replay finds the letters it already committed covered, a later
   * batch writes its own.
   */
  public Decision decide(List<Position> letters) {
    List<Integer> toWrite = new ArrayList<>();
    Map<String, Long> ends = new HashMap<>();
    for (int i = 0; i < letters.size(); i++) {
      Position letter = letters.get(i);
      if (!covers(letter)) {
        toWrite.add(i);
        ends.merge(letter.partitionKey(), letter.offset() + 1, Math::max);
      }
    }
    Map<String, Long> after = new TreeMap<>(marks.asMap());
    ends.forEach((partition, end) -> after.merge(partition, end, Math::max));
    return new Decision(List.copyOf(toWrite), of(after));
  }

  public Map<String, Long> asMap() {
    return marks.asMap();
  }

  public String encode() {
    return marks.encode();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WriterLetterMarks o && o.marks.equals(marks);
  }

  @Override
  public int hashCode() {
    return marks.hashCode();
  }

  @Override
  public String toString() {
    return marks.encode();
  }
}
