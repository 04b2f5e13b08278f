package dev.lakehouse.nightly.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableSelectionTest {
  private static final List<String> CATALOG =
      List.of("trusted.order", "raw.order_status", "raw.order", "raw.dead_letters", "rawer.x");

  @Test
  void noSelectorTakesEveryTableSorted() {
    assertThat(TableSelection.select(CATALOG, List.of()))
        .containsExactly(
            "raw.dead_letters", "raw.order", "raw.order_status", "rawer.x", "trusted.order");
  }

  @Test
  void aNamespaceTakesItsTablesAndNoOtherNamespaceThatStartsLikeIt() {
    assertThat(TableSelection.select(CATALOG, List.of("raw")))
        .containsExactly("raw.dead_letters", "raw.order", "raw.order_status");
  }

  @Test
  void aTableTakesItselfAndNotTheTablesItsNameStarts() {
    assertThat(TableSelection.select(CATALOG, List.of("raw.order", "trusted.order")))
        .containsExactly("raw.order", "trusted.order");
  }

  @Test
  void aSelectorThatMatchesNothingIsAnError() {
    assertThatThrownBy(() -> TableSelection.select(CATALOG, List.of("raw.order", "raw.ordr")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[raw.ordr]");
  }
}
