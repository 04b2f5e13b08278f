package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.streams.iceberg.TableOwnership.Action;
import dev.lakehouse.streams.iceberg.TableOwnership.OwnershipRefusedException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who may write a table: its owner, the owner's declared successor, or anyone while it has none.
 */
class TableOwnershipTest {

  @Test
  void aTableWithoutOwnerIsClaimed() {
    assertThat(TableOwnership.decide("raw.order", Optional.empty(), "app-a", Optional.empty()))
        .isEqualTo(Action.CLAIM);
    assertThat(TableOwnership.decide("raw.order", Optional.empty(), "app-b", Optional.of("app-a")))
        .isEqualTo(Action.CLAIM);
  }

  @Test
  void theOwnerKeepsItsTable() {
    assertThat(TableOwnership.decide("raw.order", Optional.of("app-a"), "app-a", Optional.empty()))
        .isEqualTo(Action.KEEP);
    // a successor that already took over, restarted with the setting still on
    assertThat(
            TableOwnership.decide("raw.order", Optional.of("app-b"), "app-b", Optional.of("app-a")))
        .isEqualTo(Action.KEEP);
  }

  @Test
  void anotherApplicationIsRefusedNamingTheOwnerAndTheWayOut() {
    assertThatThrownBy(
            () ->
                TableOwnership.decide("raw.order", Optional.of("app-a"), "app-b", Optional.empty()))
        .isInstanceOf(OwnershipRefusedException.class)
        .hasMessageContaining("raw.order")
        .hasMessageContaining("'app-a'")
        .hasMessageContaining("'app-b'")
        .hasMessageContaining("streams.successor-of=app-a");
  }

  @Test
  void aSuccessorOfAnotherApplicationIsRefused() {
    assertThatThrownBy(
            () ->
                TableOwnership.decide(
                    "raw.order", Optional.of("app-a"), "app-c", Optional.of("app-b")))
        .isInstanceOf(OwnershipRefusedException.class)
        .hasMessageContaining("successor of 'app-b'");
  }

  @Test
  void theDeclaredSuccessorTakesOver() {
    assertThat(
            TableOwnership.decide("raw.order", Optional.of("app-a"), "app-b", Optional.of("app-a")))
        .isEqualTo(Action.TAKE_OVER);
  }

  @Test
  void ofTwoApplicationsClaimingANewTableAtOnceOneIsRefused() {
    org.apache.iceberg.inmemory.InMemoryCatalog catalog =
        new org.apache.iceberg.inmemory.InMemoryCatalog();
    catalog.initialize("test", java.util.Map.of());
    catalog.createNamespace(org.apache.iceberg.catalog.Namespace.of("raw"));
    org.apache.iceberg.Table table =
        catalog.createTable(
            org.apache.iceberg.catalog.TableIdentifier.of("raw", "t"),
            new org.apache.iceberg.Schema(
                org.apache.iceberg.types.Types.NestedField.required(
                    1, "id", org.apache.iceberg.types.Types.LongType.get())));
    // both read "no owner"; app-a writes first
    OwnerProperty.write(table, Optional.empty(), "app-a");
    assertThatThrownBy(() -> OwnerProperty.write(table, Optional.empty(), "app-b"))
        .isInstanceOf(OwnershipRefusedException.class)
        .hasMessageContaining("'app-a'");
    assertThat(OwnerProperty.read(table)).contains("app-a");
    // a successor writes over the owner it decided on
    OwnerProperty.write(table, Optional.of("app-a"), "app-b");
    assertThat(OwnerProperty.read(table)).contains("app-b");
  }
}
