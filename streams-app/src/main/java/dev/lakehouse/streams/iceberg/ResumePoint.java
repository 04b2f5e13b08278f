package dev.lakehouse.streams.iceberg;

/**
 * Where the writer resumes a partition, decided with no I/O from what the table committed and what
 * the topic holds now ({@code earliest}: its first offset, {@code end}: its last stable offset).
 * The writer always seeks to the offset this returns; it never lets the consumer reset itself.
 *
 * <ul>
 *   <li>A table that was never committed to starts at the topic's earliest offset.
 *   <li>A partition a table with offsets has none for is one it never read (each commit records
 *       where the writer began in every partition it reads): it starts at 0, and if the topic no
 *       longer starts at 0, the records before its earliest offset were removed before the table
 *       got them, which is refused.
 *   <li>A table with offsets resumes at its next offset, provided that offset is still in the
 *       topic.
 *   <li>The next offset is below the topic's earliest (retention or {@code deleteRecords} removed
 *       records the table never got): refused, naming the partition and the missing range. Resuming
 *       at the earliest offset would commit a gap as if nothing were missing.
 *   <li>The next offset is past the topic's end (the topic was deleted and created again): refused.
 *   <li>The topic's id is not the one the table recorded with its offsets ({@link TopicIds}): the
 *       topic was deleted and created again, whatever its end now. Refused: the offsets are of
 *       another topic.
 *   <li>The table has snapshots but none in its lineage carries offsets (snapshot expiry kept only
 *       compaction snapshots, a rollback, {@code CREATE OR REPLACE}): refused. Treating it as new
 *       would append the whole topic again.
 * </ul>
 *
 * See docs/exactly-once.md ("Resuming, and when the writer refuses to") for how to recover from
 * each refusal.
 */
public final class ResumePoint {
  private ResumePoint() {}

  /**
   * @return the offset to seek the partition to
   * @throws ResumeRefusedException when no offset is safe
   */
  public static long of(TableHistory table, String topic, int partition, long earliest, long end) {
    return of(table, topic, null, partition, earliest, end);
  }

  /**
   * @param topicId the topic's id now; null when unknown, which skips the comparison with the
   *     recorded one
   * @return the offset to seek the partition to
   * @throws ResumeRefusedException when no offset is safe
   */
  public static long of(
      TableHistory table, String topic, String topicId, int partition, long earliest, long end) {
    String key = CommittedOffsets.partitionKey(topic, partition);
    if (table.offsets().isEmpty()) {
      if (table.hasSnapshots()) {
        throw new ResumeRefusedException(
            "table "
                + table.table()
                + " has snapshots, but none in its current lineage carries "
                + CommittedOffsets.SUMMARY_KEY
                + " (snapshots expired, a rollback, or CREATE OR REPLACE): the writer does not know "
                + "where it stopped in "
                + key
                + " and will not append the whole topic again. See docs/exactly-once.md, "
                + "\"Resuming, and when the writer refuses to\".");
      }
      return earliest;
    }
    java.util.Optional<String> recorded = table.topicIds().of(topic);
    if (topicId != null && recorded.isPresent() && !recorded.get().equals(topicId)) {
      throw new ResumeRefusedException(
          "table "
              + table.table()
              + " holds offsets of topic "
              + topic
              + " with id "
              + recorded.get()
              + ", but the topic now has id "
              + topicId
              + ": it was deleted and created again, and the table's offsets are not "
              + "of this topic. The writer will not read the new topic from the old offsets. See docs/exactly-once.md, "
              + "\"Resuming, and when the writer refuses to\".");
    }
    // every commit records where the writer began in each partition it reads (TableCommitter's
    // starts), so a
    // partition the table has no offsets for is one it never read: from its first offset, 0
    long next = table.offsets().get().next(key).orElse(0);
    if (next < earliest) {
      throw new ResumeRefusedException(
          "table "
              + table.table()
              + " holds "
              + key
              + " up to offset "
              + next
              + ", but the topic now "
              + "starts at "
              + earliest
              + ": records ["
              + next
              + ", "
              + earliest
              + ") of "
              + key
              + " are gone (retention or "
              + "deleteRecords) and never reached the table. The writer will not skip them. See docs/exactly-once.md, "
              + "\"Resuming, and when the writer refuses to\".");
    }
    if (next > end) {
      throw new ResumeRefusedException(
          "table "
              + table.table()
              + " holds "
              + key
              + " up to offset "
              + next
              + ", but the topic ends "
              + "at "
              + end
              + ": offsets ["
              + end
              + ", "
              + next
              + ") are missing from the topic, which was probably deleted and "
              + "created again. The writer will not commit the new topic's records under the old offsets. See "
              + "docs/exactly-once.md, \"Resuming, and when the writer refuses to\".");
    }
    return next;
  }
}
