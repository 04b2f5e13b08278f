package dev.lakehouse.streams.iceberg;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a writer's data files to a table together with the input offsets they cover, only when
 * {@link CommitDecision} allows it, and atomically with that decision: the append only applies on top of
 * the very snapshot the decision was made on ({@link ExpectedBaseOperations}). If the table moved meanwhile
 * (another writer, or a compaction), the decision is made again on the new state.
 *
 * <p>The commit is an Iceberg {@code append} (files added only, no deletes), so readers that accept
 * appends and position deletes only, like Athena, can read the table at every moment, and incremental
 * readers (Spark and Flink streaming reads, incremental append scans) see every commit.
 */
public final class TableCommitter {
  public static final String WRITER_KEY = "lakehouse.writer-id";
  private static final Logger LOG = LoggerFactory.getLogger(TableCommitter.class);

  private final String writerId;
  private final CommitBackoff backoff;
  private final CommitBackoff.Pause pause;

  public TableCommitter(String writerId) {
    this(writerId, CommitBackoff.withJitter(), CommitBackoff.Pause.sleeping());
  }

  public TableCommitter(String writerId, CommitBackoff backoff, CommitBackoff.Pause pause) {
    this.writerId = writerId;
    this.backoff = backoff;
    this.pause = pause;
  }

  /**
   * Commits, deciding again after every race lost to another committer, for as long as the verdict is
   * {@code COMMIT}: there is no limit on the number of races, only a growing wait between them ({@link CommitBackoff}).
   */
  public CommitOutcome commit(Table table, List<DataFile> files, Collection<OffsetRange> ranges) {
    for (int lostRaces = 0; ; ) {
      table.refresh();
      Snapshot base = table.currentSnapshot();
      CommittedOffsets current = CommittedOffsets.fromSnapshots(SnapshotUtil.currentAncestors(table));
      CommitDecision decision = CommitDecision.decide(current, ranges);
      if (decision.verdict() != CommitDecision.Verdict.COMMIT) {
        LOG.info("table {}: {} for writer {} ({})", table.name(), decision.verdict(), writerId, decision.reasons());
        return new CommitOutcome(decision.verdict(), OptionalLong.empty(), current, decision.reasons());
      }
      Map<String, Long> ends = new HashMap<>();
      ranges.forEach(r -> ends.put(r.partitionKey(), r.to()));
      CommittedOffsets after = current.advancedTo(ends);
      TableOperations guarded = new ExpectedBaseOperations(((HasTableOperations) table).operations(),
          base == null ? null : base.snapshotId());
      Table target = new BaseTable(guarded, table.name());
      AppendFiles append = target.newAppend()
          .set(CommittedOffsets.SUMMARY_KEY, after.encode())
          .set(WRITER_KEY, writerId);
      files.forEach(append::appendFile);
      try {
        append.commit();
        long snapshotId = target.currentSnapshot().snapshotId();
        table.refresh();
        return new CommitOutcome(CommitDecision.Verdict.COMMIT, OptionalLong.of(snapshotId), after, List.of());
      } catch (ValidationException | CommitFailedException e) {
        if (e instanceof ValidationException && !movedSince(table, base)) {
          throw e; // not a lost race: retrying would never succeed
        }
        lostRaces++;
        java.time.Duration delay = backoff.delay(lostRaces);
        LOG.info("table {}: another committer won the race ({}, {} lost in a row); deciding again in {} ms", table.name(),
            e.getMessage(), lostRaces, delay.toMillis());
        try {
          pause.pause(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting to commit to " + table.name(), interrupted);
        }
      }
    }
  }

  private static boolean movedSince(Table table, Snapshot base) {
    table.refresh();
    Snapshot now = table.currentSnapshot();
    return !java.util.Objects.equals(now == null ? null : now.snapshotId(), base == null ? null : base.snapshotId());
  }
}
