package dev.lakehouse.nightly.maintenance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code expire_snapshots} may remove from a table, decided with no I/O, so that the snapshot
 * a writer resumes from always survives.
 *
 * <p>The Streams writer resumes from the newest snapshot of the current lineage whose summary
 * carries its offsets ({@link dev.lakehouse.common.lake.LakeMarks#RESUME_KEYS}). The job's own
 * commits (consolidation, compaction, manifests) carry none, so a plain expiry with {@code
 * retain_last = 1} after them would leave the table without offsets. The plan keeps that snapshot:
 *
 * <ul>
 *   <li>{@code olderThan} is the configured cut-off, moved back to the oldest commit time between
 *       the current snapshot and the newest carrier of each resume key, so that a clock that went
 *       back between two commits cannot stop Iceberg's walk before the carrier;
 *   <li>{@code retainLast} is at least the carrier's depth in the lineage, so that the carrier is
 *       kept by count too.
 * </ul>
 *
 * Iceberg keeps an ancestor of the current snapshot while fewer than {@code retainLast} are kept or
 * its time is not older than {@code olderThan}, and stops at the first that is neither; the plan
 * applies the same rule to say which snapshots go. Commits that land while the expiry runs are
 * newer than the cut-off and only lengthen the kept part.
 *
 * @param olderThanMillis the cut-off handed to Iceberg
 * @param retainLast the number of lineage snapshots kept whatever their age
 * @param keptIds the lineage snapshots that stay, newest first
 * @param expiredIds the lineage snapshots that go, newest first
 * @param resumeSnapshots per resume key found in the lineage, the snapshot that carries it
 */
public record ExpiryPlan(
    long olderThanMillis,
    int retainLast,
    List<Long> keptIds,
    List<Long> expiredIds,
    Map<String, Long> resumeSnapshots) {

  public ExpiryPlan {
    keptIds = List.copyOf(keptIds);
    expiredIds = List.copyOf(expiredIds);
    resumeSnapshots = Map.copyOf(resumeSnapshots);
  }

  /**
   * @param lineageNewestFirst the current snapshot and its ancestors, newest first
   * @param maxAge snapshots older than this may go
   * @param retainLast at least this many lineage snapshots stay
   * @param resumeKeys summary keys whose newest carrier must stay
   */
  public static ExpiryPlan of(
      List<LineageSnapshot> lineageNewestFirst,
      long nowMillis,
      Duration maxAge,
      int retainLast,
      List<String> resumeKeys) {
    if (retainLast < 1) {
      throw new IllegalArgumentException("retainLast must be at least 1, was " + retainLast);
    }
    long olderThan = nowMillis - maxAge.toMillis();
    Map<String, Long> resume = new LinkedHashMap<>();
    int protectedDepth = 0;
    for (String key : resumeKeys) {
      for (int i = 0; i < lineageNewestFirst.size(); i++) {
        LineageSnapshot snapshot = lineageNewestFirst.get(i);
        if (snapshot.summaryKeys().contains(key)) {
          resume.put(key, snapshot.id());
          protectedDepth = Math.max(protectedDepth, i + 1);
          break;
        }
      }
    }
    for (int i = 0; i < protectedDepth; i++) {
      olderThan = Math.min(olderThan, lineageNewestFirst.get(i).timestampMillis());
    }
    int keepCount = Math.max(retainLast, protectedDepth);
    List<Long> kept = new ArrayList<>();
    List<Long> expired = new ArrayList<>();
    boolean walking = true;
    for (LineageSnapshot snapshot : lineageNewestFirst) {
      walking = walking && (kept.size() < keepCount || snapshot.timestampMillis() >= olderThan);
      (walking ? kept : expired).add(snapshot.id());
    }
    return new ExpiryPlan(olderThan, keepCount, kept, expired, resume);
  }
}
