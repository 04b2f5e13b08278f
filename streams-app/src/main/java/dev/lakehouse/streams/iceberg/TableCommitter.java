package dev.lakehouse.streams.iceberg;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a writer's data files to a table together with the input offsets they cover, only when
 * {@link CommitDecision} allows it, and atomically with that decision: the append only applies on
 * top of the very snapshot the decision was made on ({@link ExpectedBaseOperations}). If the table
 * moved meanwhile (another writer, or a compaction), the decision is made again on the new state.
 *
 * <p>The commit is an Iceberg {@code append} (files added only, no deletes), so readers that accept
 * appends and position deletes only, like Athena, can read the table at every moment, and
 * incremental readers (Spark and Flink streaming reads, incremental append scans) see every commit.
 */
public final class TableCommitter {
  public static final String WRITER_KEY = "lakehouse.writer-id";
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
      Optional<Snapshot> withOffsets =
          CommittedOffsets.newestWithOffsets(SnapshotUtil.currentAncestors(table));
      CommittedOffsets current =
          withOffsets
              .flatMap(s -> CommittedOffsets.fromSummary(s.summary()))
              .orElse(CommittedOffsets.none());
      TopicIds recorded =
          withOffsets.map(s -> TopicIds.fromSummary(s.summary())).orElse(TopicIds.none());
      Set<String> topics =
          ranges.stream()
              .map(r -> CommittedOffsets.topicOf(r.partitionKey()))
              .collect(Collectors.toCollection(TreeSet::new));
      refuseRecreatedTopics(table, recorded, topics);
      CommitDecision decision = CommitDecision.decide(current, ranges);
      if (decision.verdict() != CommitDecision.Verdict.COMMIT) {
        LOG.info(
            "table {}: {} for writer {} ({})",
            table.name(),
            decision.verdict(),
            writerId,
            decision.reasons());
        return new CommitOutcome(
            decision.verdict(), OptionalLong.empty(), current, decision.reasons());
      }
      Map<String, Long> ends = new HashMap<>();
      ranges.forEach(r -> ends.put(r.partitionKey(), r.to()));
      CommittedOffsets after = current.advancedTo(ends).withStarts(starts);
      TableOperations guarded =
          new ExpectedBaseOperations(
              ((HasTableOperations) table).operations(), base == null ? null : base.snapshotId());
      Table target = new BaseTable(guarded, table.name());
      AppendFiles append =
          target
              .newAppend()
              .set(CommittedOffsets.SUMMARY_KEY, after.encode())
              .set(WRITER_KEY, writerId);
      TopicIds idsAfter = recorded.updatedWith(topicIds, topics);
      if (!idsAfter.isEmpty()) {
        append.set(TopicIds.SUMMARY_KEY, idsAfter.encode());
      }
      files.forEach(append::appendFile);
      try {
        append.commit();
        long snapshotId = target.currentSnapshot().snapshotId();
        table.refresh();
        return new CommitOutcome(
            CommitDecision.Verdict.COMMIT, OptionalLong.of(snapshotId), after, List.of());
      } catch (ValidationException | CommitFailedException e) {
        if (e instanceof ValidationException && !movedSince(table, base)) {
          throw e; // not a lost race: retrying would never succeed
        }
        lostRaces++;
        java.time.Duration delay = backoff.delay(lostRaces);
        LOG.info(
            "table {}: another committer won the race ({}, {} lost in a row); deciding again in {} ms",
            table.name(),
            e.getMessage(),
            lostRaces,
            delay.toMillis());
        try {
          pause.pause(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "interrupted while waiting to commit to " + table.name(), interrupted);
        }
      }
    }
  }

  /**
   * Commits the writer's own dead letters of a batch into the dead-letter table before the batch's
   * data tables commit: only the letters the table does not hold yet ({@link
   * WriterLetterMarks#decide}), written by {@code write} (given their indexes), in one append whose
   * summary carries the advanced marks and the table's input offsets unchanged. A race lost to
   * another committer is decided again on the new state, so letters another writer committed
   * meanwhile are not written twice.
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
      WriterLetterMarks.Decision decision =
          WriterLetterMarks.fromSnapshots(SnapshotUtil.currentAncestors(table)).decide(letters);
      if (decision.toWrite().isEmpty()) {
        LOG.info(
            "table {}: already holds the {} writer letters of this batch",
            table.name(),
            letters.size());
        return OptionalLong.empty();
      }
      // the input offsets stay as they are; a table's first snapshot carries them too, as
      // ResumePoint expects,
      // but a table that lost them does not get them back from here
      Optional<Snapshot> withOffsets =
          CommittedOffsets.newestWithOffsets(SnapshotUtil.currentAncestors(table));
      Optional<CommittedOffsets> offsets =
          base == null
              ? Optional.of(CommittedOffsets.none())
              : withOffsets.flatMap(s -> CommittedOffsets.fromSummary(s.summary()));
      TopicIds ids =
          withOffsets.map(s -> TopicIds.fromSummary(s.summary())).orElse(TopicIds.none());
      List<DataFile> files = write.apply(decision.toWrite());
      TableOperations guarded =
          new ExpectedBaseOperations(
              ((HasTableOperations) table).operations(), base == null ? null : base.snapshotId());
      Table target = new BaseTable(guarded, table.name());
      AppendFiles append =
          target
              .newAppend()
              .set(WriterLetterMarks.SUMMARY_KEY, decision.after().encode())
              .set(WRITER_KEY, writerId);
      offsets.ifPresent(o -> append.set(CommittedOffsets.SUMMARY_KEY, o.encode()));
      if (offsets.isPresent() && !ids.isEmpty()) {
        append.set(TopicIds.SUMMARY_KEY, ids.encode());
      }
      files.forEach(append::appendFile);
      try {
        append.commit();
        long snapshotId = target.currentSnapshot().snapshotId();
        table.refresh();
        return OptionalLong.of(snapshotId);
      } catch (ValidationException | CommitFailedException e) {
        if (e instanceof ValidationException && !movedSince(table, base)) {
          throw e;
        }
        lostRaces++;
        java.time.Duration delay = backoff.delay(lostRaces);
        LOG.info(
            "table {}: another committer won the race for the writer letters ({} lost in a row); deciding again in {} ms",
            table.name(),
            lostRaces,
            delay.toMillis());
        try {
          pause.pause(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "interrupted while waiting to commit to " + table.name(), interrupted);
        }
      }
    }
  }

  /**
   * A topic deleted and created again while the writer ran: its records would be committed under
   * the old topic's offsets. Refused; the restarted writer then refuses to resume, naming both ids
   * ({@link ResumePoint}).
   */
  private void refuseRecreatedTopics(Table table, TopicIds recorded, Set<String> topics) {
    for (String topic : topics) {
      Optional<String> was = recorded.of(topic);
      Optional<String> now = topicIds.of(topic);
      if (was.isPresent() && now.isPresent() && !was.equals(now)) {
        throw new ResumeRefusedException(
            "table "
                + table.name()
                + " holds offsets of topic "
                + topic
                + " with id "
                + was.get()
                + ", but this writer reads it with id "
                + now.get()
                + ": the topic was deleted and created again. Nothing was committed.");
      }
    }
  }

  private static boolean movedSince(Table table, Snapshot base) {
    table.refresh();
    Snapshot now = table.currentSnapshot();
    return !java.util.Objects.equals(
        now == null ? null : now.snapshotId(), base == null ? null : base.snapshotId());
  }
}
