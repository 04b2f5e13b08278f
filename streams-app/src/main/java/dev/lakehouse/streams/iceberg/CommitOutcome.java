package dev.lakehouse.streams.iceberg;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a commit attempt did: the verdict it acted on, the snapshot it made (if any), and the
 * table's offsets afterwards.
 */
public record CommitOutcome(
    CommitDecision.Verdict verdict,
    OptionalLong snapshotId,
    CommittedOffsets tableOffsets,
    List<String> reasons) {}
