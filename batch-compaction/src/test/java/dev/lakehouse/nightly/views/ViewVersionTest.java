package dev.lakehouse.nightly.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViewVersionTest {
  private static final ViewVersion WANTED =
      new ViewVersion(
          Map.of("spark", "SELECT `a` FROM t", "trino", "SELECT \"a\" FROM t"),
          List.of("a string"));

  @Test
  void aMissingViewIsCreatedAndAnEqualOneLeftAlone() {
    assertThat(ViewVersion.decide("v", Optional.empty(), WANTED).action())
        .isEqualTo(ViewChange.Action.CREATED);
    ViewChange same = ViewVersion.decide("v", Optional.of(WANTED), WANTED);
    assertThat(same.action()).isEqualTo(ViewChange.Action.UNCHANGED);
    assertThat(same.changed()).isFalse();
  }

  @Test
  void newColumnsOrChangedSqlReplaceTheViewAndSayWhy() {
    ViewVersion fewer = new ViewVersion(WANTED.queries(), List.of());
    ViewChange columns = ViewVersion.decide("v", Optional.of(fewer), WANTED);
    assertThat(columns.action()).isEqualTo(ViewChange.Action.REPLACED);
    assertThat(columns.reason()).isEqualTo("columns changed: 0 -> 1");

    ViewVersion oldTrino =
        new ViewVersion(
            Map.of("spark", "SELECT `a` FROM t", "trino", "SELECT a FROM t"), List.of("a string"));
    ViewChange sql = ViewVersion.decide("v", Optional.of(oldTrino), WANTED);
    assertThat(sql.action()).isEqualTo(ViewChange.Action.REPLACED);
    assertThat(sql.reason()).isEqualTo("its trino SQL changed");

    ViewVersion extraDialect =
        new ViewVersion(
            Map.of("spark", "SELECT `a` FROM t", "trino", "SELECT \"a\" FROM t", "hive", "x"),
            List.of("a string"));
    assertThat(ViewVersion.decide("v", Optional.of(extraDialect), WANTED).reason())
        .isEqualTo("a dialect it holds is no longer written");
  }
}
