package dev.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryResultTest {
  private static final QueryResult RESULT =
      new QueryResult(
          List.of("state", "orders", "note"),
          List.of(
              Arrays.asList("SP", "1200", "a, \"quoted\" note"), Arrays.asList("RJ", "7", null)));

  @Test
  void aTableAlignsColumnsAndShowsNull() {
    assertThat(RESULT.render(QueryResult.Format.TABLE))
        .isEqualTo(
            "state | orders | note\n"
                + "------+--------+-----------------\n"
                + "SP    | 1200   | a, \"quoted\" note\n"
                + "RJ    | 7      | NULL\n"
                + "(2 rows)\n");
  }

  @Test
  void csvQuotesWhatNeedsItAndLeavesNullEmpty() {
    assertThat(RESULT.render(QueryResult.Format.CSV))
        .isEqualTo("state,orders,note\r\nSP,1200,\"a, \"\"quoted\"\" note\"\r\nRJ,7,\r\n");
  }

  @Test
  void jsonLinesKeepTheColumnOrderAndNull() {
    assertThat(RESULT.render(QueryResult.Format.JSON))
        .isEqualTo(
            "{\"state\":\"SP\",\"orders\":\"1200\",\"note\":\"a, \\\"quoted\\\" note\"}\n"
                + "{\"state\":\"RJ\",\"orders\":\"7\",\"note\":null}\n");
  }

  @Test
  void aRowMustHaveOneValuePerColumn() {
    assertThatThrownBy(() -> new QueryResult(List.of("a"), List.of(List.of("1", "2"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
