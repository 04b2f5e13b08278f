package dev.lakehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRowsTest {
  @Test
  void aRowMustHaveOneValuePerColumn() {
    assertThatThrownBy(() -> new QueryRows(List.of("a"), List.of(List.of("1", "2"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 values for 1 columns");
  }

  @Test
  void keepsNullsAndIsNotChangedThroughTheCallersLists() {
    List<String> row = new ArrayList<>(Arrays.asList("SP", null));
    List<List<String>> rows = new ArrayList<>(List.of(row));
    QueryRows answer = new QueryRows(List.of("state", "note"), rows);
    row.set(0, "RJ");
    rows.clear();
    assertThat(answer.rows()).containsExactly(Arrays.asList("SP", null));
  }
}
