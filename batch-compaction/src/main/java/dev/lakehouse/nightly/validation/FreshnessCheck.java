package dev.lakehouse.nightly.validation;

import dev.lakehouse.common.lake.LakeMarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Per table, the age of its newest data: of the newest commit that carries a writer's offsets (the
 * job's own commits bring no new data), else of the newest commit. A warning past {@code
 * nightly.freshness-max-age}: a stopped app, or a source that went quiet.
 */
final class FreshnessCheck implements LakeCheck {
  @Override
  public String name() {
    return "freshness";
  }

  @Override
  public List<CheckResult> run(ValidationContext context) {
    List<CheckResult> results = new ArrayList<>();
    long limit = context.nightly().freshnessMaxAge().toSeconds();
    for (String table : context.tables()) {
      Table loaded = context.load(table);
      if (loaded.currentSnapshot() == null) {
        continue;
      }
      Snapshot newest = loaded.currentSnapshot();
      for (Snapshot snapshot : SnapshotUtil.currentAncestors(loaded)) {
        if (snapshot.summary().containsKey(LakeMarks.KAFKA_OFFSETS)) {
          newest = snapshot;
          break;
        }
      }
      long age = Duration.ofMillis(context.clock().millis() - newest.timestampMillis()).toSeconds();
      results.add(
          CheckResult.of(
              name(),
              table,
              "seconds since the newest data commit (snapshot " + newest.snapshotId() + ")",
              Severity.WARNING,
              age,
              Expectation.atMost(limit),
              List.of()));
    }
    return results;
  }
}
