package dev.lakehouse.streams.iceberg;

import dev.lakehouse.common.lake.LakeMarks;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a writer's data files to a table together with the input offsets they cover, only when
 * {@link CommitDecision} allows it, and atomically with that decision: the append carries the
 * summary of a {@link CommitPlan}, and Iceberg's own retry makes the plan again on the refreshed
 * history at every attempt ({@link SnapshotUpdate#validateWith}). A compaction meanwhile leaves the
 * plan as it was, and the append lands; another writer's commit changes it, and the append is
 * refused and decided again on the new state.
 *
 * <p>The commit is an Iceberg {@code append} (files added only, no deletes), so readers that accept
 * appends and position deletes only, like Athena, can read the table at every moment, and
 * incremental readers (Spark and Flink streaming reads, incremental append scans) see every commit.
 */
public final class TableCommitter {
  public static final String WRITER_KEY = LakeMarks.WRITER_ID;
  private static final Logger LOG = LoggerFactory.getLogger(TableCommitter.class);

  private final String writerId;
  private final TopicIds topicIds;
  private final CommitBackoff backoff;
  private final CommitBackoff.Pause pause;

  public TableCommitter(String writerId) {
    this(writerId, TopicIds.none());
  }

  /**
   * @param topicIds the ids of the input topics as the writer found them at start-up, recorded with
   *     their offsets
   */
  public TableCommitter(String writerId, TopicIds topicIds) {
    this(writerId, topicIds, CommitBackoff.withJitter(), CommitBackoff.Pause.sleeping());
  }

  public TableCommitter(String writerId, CommitBackoff backoff, CommitBackoff.Pause pause) {
    this(writerId, TopicIds.none(), backoff, pause);
  }

  public TableCommitter(
      String writerId, TopicIds topicIds, CommitBackoff backoff, CommitBackoff.Pause pause) {
    this.writerId = writerId;
    this.topicIds = topicIds;
    this.backoff = backoff;
    this.pause = pause;
  }

  /**
   * Commits, deciding again after every race lost to another committer, for as long as the verdict
   * is {@code COMMIT}: there is no limit on the number of races, only a growing wait between them
   * ({@link CommitBackoff}).
   */
  public CommitOutcome commit(Table table, List<DataFile> files, Collection<OffsetRange> ranges) {
    return commit(table, files, ranges, Map.of());
  }

  /**
   * Like {@link #commit(Table, List, Collection)}, and records {@code starts} (partition key: the
   * offset the writer started reading it at) for the partitions of the table's topics that the
   * writer reads but the table has no offsets for yet: from then on the table knows where it began
   * in each of them, so a partition it has no offsets for is one it never read, and {@link
   * ResumePoint} can tell records removed before it read them.
   */
  public CommitOutcome commit(
      Table table, List<DataFile> files, Collection<OffsetRange> ranges, Map<String, Long> starts) {
    for (int lostRaces = 0; ; ) {
      table.refresh();
      Snapshot base = table.currentSnapshot();
      CommitPlan plan =
          CommitPlan.on(SnapshotUtil.currentAncestors(table), ranges, starts, topicIds, writerId);
      if (plan.refusal().isPresent()) {
        throw new ResumeRefusedException("table " + table.name() + " " + plan.refusal().get());
      }
      if (!plan.commits()) {
        LOG.info(
            "table {}: {} for writer {} ({})",
            table.name(),
            plan.decision().verdict(),
            writerId,
            plan.decision().reasons());
        return new CommitOutcome(
            plan.decision().verdict(),
            OptionalLong.empty(),
            plan.current(),
            plan.decision().reasons());
      }
      AppendFiles append = table.newAppend();
      plan.summary().forEach(append::set);
      files.forEach(append::appendFile);
      append.validateWith(
          new PlanStillHolds(
              ancestry ->
                  plan.stillHolds(CommitPlan.on(ancestry, ranges, starts, topicIds, writerId)),
              "the offsets of table " + table.name() + " moved since the commit decision"));
      try {
        append.commit();
        long snapshotId = table.currentSnapshot().snapshotId();
        table.refresh();
        return new CommitOutcome(
            CommitDecision.Verdict.COMMIT, OptionalLong.of(snapshotId), plan.after(), List.of());
      } catch (ValidationException | CommitFailedException e) {
        lostRaces = lostRace(table, base, e, lostRaces, "");
      }
    }
  }

  /**
   * Commits the writer's own dead letters of a batch into the dead-letter table before the batch's
   * data tables commit: only the letters the table does not hold yet ({@link LetterCommitPlan}),
   * written by {@code write} (given their indexes), in one append whose summary carries the
   * advanced marks and the table's input offsets unchanged. A race lost to another committer is
   * decided again on the new state, so letters another writer committed meanwhile are not written
   * twice.
   *
   * @return the snapshot that added the letters; empty when the table already held every one of
   *     them
   */
  public OptionalLong commitLetters(
      Table table,
      List<WriterLetterMarks.Position> letters,
      java.util.function.Function<List<Integer>, List<DataFile>> write) {
    for (int lostRaces = 0; ; ) {
      table.refresh();
      Snapshot base = table.currentSnapshot();
      LetterCommitPlan plan =
          LetterCommitPlan.on(SnapshotUtil.currentAncestors(table), letters, writerId);
      if (!plan.writes()) {
        LOG.info(
            "table {}: already holds the {} writer letters of this batch",
            table.name(),
            letters.size());
        return OptionalLong.empty();
      }
      List<DataFile> files = write.apply(plan.decision().toWrite());
      AppendFiles append = table.newAppend();
      plan.summary().forEach(append::set);
      files.forEach(append::appendFile);
      append.validateWith(
          new PlanStillHolds(
              ancestry -> plan.stillHolds(LetterCommitPlan.on(ancestry, letters, writerId)),
              "the writer letters of table " + table.name() + " moved since the decision"));
      try {
        append.commit();
        long snapshotId = table.currentSnapshot().snapshotId();
        table.refresh();
        return OptionalLong.of(snapshotId);
      } catch (ValidationException | CommitFailedException e) {
        lostRaces = lostRace(table, base, e, lostRaces, " for the writer letters");
      }
    }
  }

  /**
   * Iceberg's hook into its own retry: it hands over the history the append is about to land on,
   * refreshed at every attempt, and refuses the append (a {@link ValidationException}, which it
   * does not retry) when the plan no longer holds on it.
   */
  private static final class PlanStillHolds implements SnapshotAncestryValidator {
    private final Predicate<Iterable<Snapshot>> holds;
    private final String message;

    PlanStillHolds(Predicate<Iterable<Snapshot>> holds, String message) {
      this.holds = holds;
      this.message = message;
    }

    @Override
    public boolean validate(Iterable<Snapshot> newestFirst) {
      return holds.test(newestFirst);
    }

    @Override
    public String errorMessage() {
      return message;
    }
  }

  /**
   * Counts a lost race and waits before the next decision; rethrows a refusal that is not a race
   * (the table did not move), which deciding again would never get past.
   */
  private int lostRace(Table table, Snapshot base, RuntimeException e, int lostRaces, String what) {
    if (e instanceof ValidationException && !movedSince(table, base)) {
      throw e;
    }
    int lost = lostRaces + 1;
    java.time.Duration delay = backoff.delay(lost);
    LOG.info(
        "table {}: another committer won the race{} ({}, {} lost in a row); deciding again in {} ms",
        table.name(),
        what,
        e.getMessage(),
        lost,
        delay.toMillis());
    try {
      pause.pause(delay);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting to commit to " + table.name(), interrupted);
    }
    return lost;
  }

  private static boolean movedSince(Table table, Snapshot base) {
    table.refresh();
    Snapshot now = table.currentSnapshot();
    return !java.util.Objects.equals(
        now == null ? null : now.snapshotId(), base == null ? null : base.snapshotId());
  }
}
