package dev.lakehouse.streams.iceberg;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Decides, with no I/O, whether a writer's batch may be committed on top of what the table already
 * holds. A batch is committed only if, for every partition it covers, it starts exactly where the
 * table's offsets end (or the table has none for that partition yet): nothing is then applied twice
 * and nothing is skipped. A batch the table already covers entirely is a replay (e.g. after a crash
 * between the Iceberg commit and the Kafka commit) and is dropped. Anything else means another
 * writer (a zombie after a rebalance) moved the table on: the batch is abandoned and the writer
 * resumes from the table.
 */
public record CommitDecision(Verdict verdict, List<String> reasons) {

  /** What to do with the batch. */
  public enum Verdict {
    COMMIT,
    ALREADY_COMMITTED,
    CONFLICT
  }

  public static CommitDecision decide(CommittedOffsets table, Collection<OffsetRange> batch) {
    if (batch.isEmpty()) {
      return new CommitDecision(Verdict.ALREADY_COMMITTED, List.of("empty batch"));
    }
    List<String> conflicts = new ArrayList<>();
    int contiguous = 0;
    int covered = 0;
    for (OffsetRange range : batch) {
      OptionalLong next = table.next(range.partitionKey());
      if (next.isEmpty() || next.getAsLong() == range.from()) {
        contiguous++;
      } else if (next.getAsLong() >= range.to()) {
        covered++;
      } else {
        conflicts.add(
            range.partitionKey()
                + ": table is at "
                + next.getAsLong()
                + ", batch holds ["
                + range.from()
                + ", "
                + range.to()
                + ")");
      }
    }
    if (!conflicts.isEmpty() || (contiguous > 0 && covered > 0)) {
      if (conflicts.isEmpty()) {
        conflicts.add(
            "batch is partly committed already ("
                + covered
                + " of "
                + batch.size()
                + " partitions)");
      }
      return new CommitDecision(Verdict.CONFLICT, List.copyOf(conflicts));
    }
    return covered == batch.size()
        ? new CommitDecision(
            Verdict.ALREADY_COMMITTED, List.of("the table already covers every range"))
        : new CommitDecision(Verdict.COMMIT, List.of());
  }
}
