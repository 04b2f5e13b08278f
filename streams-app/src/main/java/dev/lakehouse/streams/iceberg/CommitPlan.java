package dev.lakehouse.streams.iceberg;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;

/**
 * What a writer's append puts on top of a table's history, worked out with no I/O: the verdict of
 * {@link CommitDecision} on the offsets of the newest snapshot that has them and, for {@code
 * COMMIT}, the summary the append carries (the advanced offsets, the topic ids, the writer id).
 *
 * <p>The plan is made once before the append, and again by Iceberg on the refreshed history at
 * every retry of the append ({@link TableCommitter}): the append applies only while the plan made
 * on the history it lands on is the same one. A compaction in between (a snapshot without offsets)
 * leaves the plan as it was, so the append goes on; another writer's commit changes the offsets, so
 * the append is refused and the writer decides again.
 *
 * @param refusal set when a topic of the batch was deleted and created again since the table
 *     recorded its id: the batch's offsets would name records of the old topic
 */
public record CommitPlan(
    CommitDecision decision,
    CommittedOffsets current,
    CommittedOffsets after,
    Map<String, String> summary,
    Optional<String> refusal) {

  public CommitPlan {
    summary = Map.copyOf(summary);
  }

  /**
   * @param newestFirst the table's history, from its current snapshot back
   * @param starts where the writer started in the quiet partitions of the table's topics (see
   *     {@link TableCommitter#commit(org.apache.iceberg.Table, java.util.List, Collection, Map)})
   * @param writerIds the ids of the input topics as the writer found them
   */
  public static CommitPlan on(
      Iterable<Snapshot> newestFirst,
      Collection<OffsetRange> ranges,
      Map<String, Long> starts,
      TopicIds writerIds,
      String writerId) {
    Optional<Snapshot> withOffsets = CommittedOffsets.newestWithOffsets(newestFirst);
    CommittedOffsets current =
        withOffsets
            .flatMap(s -> CommittedOffsets.fromSummary(s.summary()))
            .orElse(CommittedOffsets.none());
    TopicIds recorded =
        withOffsets.map(s -> TopicIds.fromSummary(s.summary())).orElse(TopicIds.none());
    Set<String> topics = new TreeSet<>();
    ranges.forEach(r -> topics.add(r.partition().topic()));
    Optional<String> refusal = recreated(recorded, writerIds, topics);
    CommitDecision decision = CommitDecision.decide(current, ranges);
    if (refusal.isPresent() || decision.verdict() != CommitDecision.Verdict.COMMIT) {
      return new CommitPlan(decision, current, current, Map.of(), refusal);
    }
    Map<String, Long> ends = new HashMap<>();
    ranges.forEach(r -> ends.put(r.partitionKey(), r.to()));
    CommittedOffsets after = current.advancedTo(ends).withStarts(starts);
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(CommittedOffsets.SUMMARY_KEY, after.encode());
    summary.put(TableCommitter.WRITER_KEY, writerId);
    TopicIds idsAfter = recorded.updatedWith(writerIds, topics);
    if (!idsAfter.isEmpty()) {
      summary.put(TopicIds.SUMMARY_KEY, idsAfter.encode());
    }
    return new CommitPlan(decision, current, after, summary, Optional.empty());
  }

  /** Whether the append may be made: a {@code COMMIT} verdict and no refusal. */
  public boolean commits() {
    return refusal.isEmpty() && decision.verdict() == CommitDecision.Verdict.COMMIT;
  }

  /**
   * Whether an append planned as this one may still land on a history whose plan is {@code
   * replanned}: both commit, with the same summary.
   */
  public boolean stillHolds(CommitPlan replanned) {
    return commits() && replanned.commits() && replanned.summary.equals(summary);
  }

  private static Optional<String> recreated(
      TopicIds recorded, TopicIds writerIds, Set<String> topics) {
    for (String topic : topics) {
      Optional<String> was = recorded.of(topic);
      Optional<String> now = writerIds.of(topic);
      if (was.isPresent() && now.isPresent() && !was.equals(now)) {
        return Optional.of(
            "holds offsets of topic "
                + topic
                + " with id "
                + was.get()
                + ", but this writer reads it with id "
                + now.get()
                + ": the topic was deleted and created again. Nothing was committed.");
      }
    }
    return Optional.empty();
  }
}
