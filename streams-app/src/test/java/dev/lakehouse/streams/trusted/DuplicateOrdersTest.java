package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateOrdersTest {
  record Copy(String cpf, OffsetDateTime createdAt) {}

  private static final OffsetDateTime TRUE_TIME = OffsetDateTime.parse("2019-02-16T12:00:00Z");
  private static final Copy REAL = new Copy("111", TRUE_TIME);
  private static final Copy FAKE = new Copy("222", TRUE_TIME.minusDays(30));

  private static DuplicateOrders.Resolution<Copy> resolve(
      List<Copy> copies, List<OffsetDateTime> registered) {
    return DuplicateOrders.resolve(
        copies, Copy::createdAt, Comparator.comparing(Copy::cpf), registered);
  }

  @Test
  void theCopyWhoseDateMatchesTheRegisteredStatusWinsEvenWhenItIsTheEarlierOne() {
    DuplicateOrders.Resolution<Copy> resolution =
        resolve(List.of(REAL, FAKE), List.of(FAKE.createdAt().plusSeconds(2)));
    assertThat(resolution.chosen()).isEqualTo(FAKE);
    assertThat(resolution.rejected()).containsExactly(REAL);
    assertThat(resolution.rule()).isEqualTo(DuplicateOrders.Rule.MATCHES_REGISTERED);
  }

  @Test
  void withoutAMatchingRegisteredStatusTheLatestWinsWhateverTheArrivalOrder() {
    for (List<Copy> copies : List.of(List.of(REAL, FAKE), List.of(FAKE, REAL))) {
      DuplicateOrders.Resolution<Copy> resolution = resolve(copies, List.of());
      assertThat(resolution.chosen()).isEqualTo(REAL);
      assertThat(resolution.rule()).isEqualTo(DuplicateOrders.Rule.LATEST);
    }
  }

  @Test
  void theRegisteredDateIsComparedInUtcAndASingleCopyIsSimplyChosen() {
    OffsetDateTime lateEveningInBrazil =
        OffsetDateTime.parse("2019-02-16T22:30:00-03:00"); // 2019-02-17 in UTC
    Copy utcNextDay = new Copy("333", OffsetDateTime.parse("2019-02-17T01:00:00Z"));
    Copy sameLocalDay = new Copy("444", OffsetDateTime.parse("2019-02-16T01:00:00Z"));
    assertThat(resolve(List.of(sameLocalDay, utcNextDay), List.of(lateEveningInBrazil)).chosen())
        .isEqualTo(utcNextDay);
    assertThat(resolve(List.of(REAL), List.of()).rule()).isEqualTo(DuplicateOrders.Rule.SINGLE);
    assertThatThrownBy(() -> resolve(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesCreatedAtTheSameInstantAreOrderedByContent() {
    Copy a = new Copy("aaa", TRUE_TIME);
    Copy b = new Copy("bbb", TRUE_TIME);
    assertThat(resolve(List.of(a, b), List.of()).chosen()).isEqualTo(b);
    assertThat(resolve(List.of(b, a), List.of()).chosen()).isEqualTo(b);
  }
}
