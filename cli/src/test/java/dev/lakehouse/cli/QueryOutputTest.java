package dev.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.sql.QueryRows;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryOutputTest {
  private static final QueryRows RESULT =
      new QueryRows(
          List.of("state", "orders", "note"),
          List.of(
              Arrays.asList("SP", "1200", "a, \"quoted\" note"), Arrays.asList("RJ", "7", null)));

  @Test
  void aTableAlignsColumnsAndShowsNull() {
    assertThat(QueryOutput.render(RESULT, QueryOutput.Format.TABLE))
        .isEqualTo(
            "state | orders | note\n"
                + "------+--------+-----------------\n"
                + "SP    | 1200   | a, \"quoted\" note\n"
                + "RJ    | 7      | NULL\n"
                + "(2 rows)\n");
  }

  @Test
  void csvQuotesWhatNeedsItAndLeavesNullEmpty() {
    assertThat(QueryOutput.render(RESULT, QueryOutput.Format.CSV))
        .isEqualTo("state,orders,note\r\nSP,1200,\"a, \"\"quoted\"\" note\"\r\nRJ,7,\r\n");
  }

  @Test
  void jsonLinesKeepTheColumnOrderAndNull() {
    assertThat(QueryOutput.render(RESULT, QueryOutput.Format.JSON))
        .isEqualTo(
            "{\"state\":\"SP\",\"orders\":\"1200\",\"note\":\"a, \\\"quoted\\\" note\"}\n"
                + "{\"state\":\"RJ\",\"orders\":\"7\",\"note\":null}\n");
  }
}
