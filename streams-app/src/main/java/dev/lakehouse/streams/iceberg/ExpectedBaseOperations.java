package dev.lakehouse.streams.iceberg;

import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * A table's operations that refuse to commit on top of any snapshot but the expected one (or, for a
 * property update, of any value of the property but the expected one). Iceberg retries a failed
 * append on top of whatever the table became meanwhile; through these operations the retry fails
 * instead, with a {@link ValidationException} (which Iceberg does not retry), so that the caller
 * decides again on the new state. Everything else is the catalog's own operations, forwarded.
 */
final class ExpectedBaseOperations extends ForwardingTableOperations {
  private final Function<TableMetadata, String> violation;

  /**
   * @param expectedSnapshotId the snapshot the commit must build on; null for a table without
   *     snapshots
   */
  ExpectedBaseOperations(TableOperations delegate, Long expectedSnapshotId) {
    this(
        delegate,
        base -> {
          Snapshot current = base == null ? null : base.currentSnapshot();
          Long actual = current == null ? null : current.snapshotId();
          return Objects.equals(actual, expectedSnapshotId)
              ? null
              : String.format(
                  "table moved from snapshot %s to %s since the commit decision",
                  expectedSnapshotId, actual);
        });
  }

  private ExpectedBaseOperations(
      TableOperations delegate, Function<TableMetadata, String> violation) {
    super(delegate);
    this.violation = violation;
  }

  /**
   * Operations that commit only while the table's property {@code key} still has {@code expected}
   * (null: absent).
   */
  static ExpectedBaseOperations withProperty(
      TableOperations delegate, String key, String expected) {
    return new ExpectedBaseOperations(
        delegate,
        base -> {
          String actual = base == null ? null : base.properties().get(key);
          return Objects.equals(actual, expected)
              ? null
              : String.format(
                  "property %s changed from %s to %s since the decision", key, expected, actual);
        });
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    String problem = violation.apply(base);
    if (problem != null) {
      throw new ValidationException("%s", problem);
    }
    super.commit(base, metadata);
  }
}
