package dev.lakehouse.streams.iceberg;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * A table's operations that refuse to commit on top of any snapshot but the expected one. Iceberg retries
 * a failed append on top of whatever the table became meanwhile; through these operations the retry fails
 * instead, with a {@link ValidationException} (which Iceberg does not retry), so that the caller decides
 * again on the new state. Everything else is the catalog's own operations.
 */
final class ExpectedBaseOperations implements TableOperations {
  private final TableOperations delegate;
  private final Long expectedSnapshotId;

  /** @param expectedSnapshotId the snapshot the commit must build on; null for a table without snapshots */
  ExpectedBaseOperations(TableOperations delegate, Long expectedSnapshotId) {
    this.delegate = delegate;
    this.expectedSnapshotId = expectedSnapshotId;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    Snapshot current = base == null ? null : base.currentSnapshot();
    Long actual = current == null ? null : current.snapshotId();
    if (!java.util.Objects.equals(actual, expectedSnapshotId)) {
      throw new ValidationException("table moved from snapshot %s to %s since the commit decision", expectedSnapshotId, actual);
    }
    delegate.commit(base, metadata);
  }

  @Override
  public TableMetadata current() {
    return delegate.current();
  }

  @Override
  public TableMetadata refresh() {
    return delegate.refresh();
  }

  @Override
  public FileIO io() {
    return delegate.io();
  }

  @Override
  public EncryptionManager encryption() {
    return delegate.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return delegate.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return delegate.locationProvider();
  }

  @Override
  public TableOperations temp(TableMetadata uncommittedMetadata) {
    return delegate.temp(uncommittedMetadata);
  }

  @Override
  public long newSnapshotId() {
    return delegate.newSnapshotId();
  }

  @Override
  public boolean requireStrictCleanup() {
    return delegate.requireStrictCleanup();
  }
}
