package dev.lakehouse.streams.iceberg;

import dev.lakehouse.streams.iceberg.TableOwnership.OwnershipRefusedException;
import java.util.Optional;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * Reads and writes a table's owner ({@value TableOwnership#PROPERTY}); a write applies only over
 * the value it was decided on.
 */
public final class OwnerProperty {
  private OwnerProperty() {}

  public static Optional<String> read(Table table) {
    table.refresh();
    return Optional.ofNullable(table.properties().get(TableOwnership.PROPERTY));
  }

  /**
   * Sets the owner to {@code owner} if the property still holds {@code decidedOn}: of two
   * applications that claim a new table at the same moment, one wins and the other is refused.
   */
  public static void write(Table table, Optional<String> decidedOn, String owner) {
    Table guarded =
        new BaseTable(
            new ExpectedPropertyOperations(
                ((HasTableOperations) table).operations(),
                TableOwnership.PROPERTY,
                decidedOn.orElse(null)),
            table.name());
    try {
      guarded.updateProperties().set(TableOwnership.PROPERTY, owner).commit();
    } catch (ValidationException e) {
      Optional<String> now = read(table);
      if (!now.equals(Optional.of(owner))) {
        throw new OwnershipRefusedException(
            "table "
                + table.name()
                + " was claimed by application '"
                + now.orElse("?")
                + "' while '"
                + owner
                + "' started: "
                + e.getMessage());
      }
    }
    table.refresh();
  }
}
