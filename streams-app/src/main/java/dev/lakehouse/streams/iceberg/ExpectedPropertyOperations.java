package dev.lakehouse.streams.iceberg;

import java.util.Objects;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * A table's operations that refuse to commit while a table property no longer holds the value a
 * property update was decided on. Iceberg retries a failed property update on top of whatever the
 * table became meanwhile, and a property update has no validation hook of its own (appends have
 * {@code validateWith}, see {@link TableCommitter}); through these operations the retry fails
 * instead, with a {@link ValidationException}, which Iceberg does not retry. Everything else is the
 * catalog's own operations, forwarded.
 */
final class ExpectedPropertyOperations extends ForwardingTableOperations {
  private final String key;
  private final String expected;

  /**
   * @param expected the value the update was decided on; null: the property was absent
   */
  ExpectedPropertyOperations(TableOperations delegate, String key, String expected) {
    super(delegate);
    this.key = key;
    this.expected = expected;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    String actual = base == null ? null : base.properties().get(key);
    if (!Objects.equals(actual, expected)) {
      throw new ValidationException(
          "property %s changed from %s to %s since the decision", key, expected, actual);
    }
    super.commit(base, metadata);
  }
}
