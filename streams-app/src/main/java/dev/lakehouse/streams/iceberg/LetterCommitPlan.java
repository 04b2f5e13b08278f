package dev.lakehouse.streams.iceberg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;

/**
 * What the append of a batch's writer dead letters puts on top of the dead-letter table's history,
 * worked out with no I/O: the letters the table does not hold yet ({@link WriterLetterMarks}), and
 * the summary that carries the advanced marks and the table's input offsets unchanged. Like {@link
 * CommitPlan}, it is made again on the refreshed history at every retry of the append, which
 * applies only while the new plan writes the same letters with the same summary.
 */
public record LetterCommitPlan(WriterLetterMarks.Decision decision, Map<String, String> summary) {

  public LetterCommitPlan {
    summary = Map.copyOf(summary);
  }

  /**
   * @param newestFirst the table's history, from its current snapshot back (empty for a table with
   *     no snapshot yet)
   */
  public static LetterCommitPlan on(
      Iterable<Snapshot> newestFirst, List<WriterLetterMarks.Position> letters, String writerId) {
    WriterLetterMarks.Decision decision =
        WriterLetterMarks.fromSnapshots(newestFirst).decide(letters);
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(WriterLetterMarks.SUMMARY_KEY, decision.after().encode());
    summary.put(TableCommitter.WRITER_KEY, writerId);
    // the input offsets stay as they are. A table's first snapshot carries them too (empty), as
    // ResumePoint expects, but a table that lost them does not get them back from here
    boolean empty = !newestFirst.iterator().hasNext();
    Optional<Snapshot> withOffsets = CommittedOffsets.newestWithOffsets(newestFirst);
    Optional<CommittedOffsets> offsets =
        empty
            ? Optional.of(CommittedOffsets.none())
            : withOffsets.flatMap(s -> CommittedOffsets.fromSummary(s.summary()));
    offsets.ifPresent(o -> summary.put(CommittedOffsets.SUMMARY_KEY, o.encode()));
    TopicIds ids = withOffsets.map(s -> TopicIds.fromSummary(s.summary())).orElse(TopicIds.none());
    if (offsets.isPresent() && !ids.isEmpty()) {
      summary.put(TopicIds.SUMMARY_KEY, ids.encode());
    }
    return new LetterCommitPlan(decision, summary);
  }

  /** Whether there is anything to append. */
  public boolean writes() {
    return !decision.toWrite().isEmpty();
  }

  /** Whether an append planned as this one may still land on a history planned as {@code now}. */
  public boolean stillHolds(LetterCommitPlan now) {
    return writes()
        && now.decision.toWrite().equals(decision.toWrite())
        && now.decision.after().equals(decision.after())
        && now.summary.equals(summary);
  }
}
