package dev.lakehouse.common.lake;

import java.util.List;

/**
 * The names the lake's writers and its maintainers must agree on: the snapshot summary keys the
 * Streams writer commits its progress under, and the table properties that say how a table is kept.
 * The Streams app writes them; the nightly job reads them and must never lose them.
 */
public final class LakeMarks {
  private LakeMarks() {}

  /** Snapshot summary: the next Kafka offset of every partition the table's data covers. */
  public static final String KAFKA_OFFSETS = "lakehouse.kafka.offsets";

  /** Snapshot summary: the topic ids the offsets belong to. */
  public static final String KAFKA_TOPIC_IDS = "lakehouse.kafka.topic-ids";

  /** Snapshot summary: the writer instance that made the commit. */
  public static final String WRITER_ID = "lakehouse.writer-id";

  /**
   * Snapshot summary of {@code raw.dead_letters}: the offset after the highest writer letter of
   * every rows-topic partition.
   */
  public static final String WRITER_LETTER_OFFSETS = "lakehouse.writer-letters.offsets";

  /**
   * The summary keys a writer resumes from: the newest snapshot of the current lineage that carries
   * each must never be expired.
   */
  public static final List<String> RESUME_KEYS = List.of(KAFKA_OFFSETS, WRITER_LETTER_OFFSETS);

  /** Table property: the application id that owns the table. */
  public static final String OWNER_APPLICATION_ID = "lakehouse.owner.application-id";

  /**
   * Table property of a versioned (append-only, one row set per key and version) table: the column
   * that identifies an entity, e.g. {@code order_id}. Its current rows are those of the highest
   * {@value #VERSION_COLUMN} per key; the nightly job removes the others.
   */
  public static final String VERSIONED_KEY = "lakehouse.versioned.key";

  /**
   * Table property: how the nightly compaction rewrites the table's files, {@value #SORT} (by the
   * table's sort order, so that the file bounds prune lookups) or {@value #BIN_PACK} (merged as
   * they are; the default).
   */
  public static final String COMPACTION_STRATEGY = "lakehouse.compaction.strategy";

  public static final String SORT = "sort";
  public static final String BIN_PACK = "binpack";

  /**
   * Table property of a versioned table: the columns, comma-separated, that make a row unique
   * within one version of its key, e.g. {@code order_id,item_position} (default: the key alone).
   */
  public static final String VERSIONED_ROW_KEY = "lakehouse.versioned.row-key";

  /** When the stage produced a version: {@code _versioned_at}. */
  public static final String VERSIONED_AT_COLUMN = "_versioned_at";

  /** The version column of a versioned table: 1, 2, ... per key, the highest current. */
  public static final String VERSION_COLUMN = "_version";
}
