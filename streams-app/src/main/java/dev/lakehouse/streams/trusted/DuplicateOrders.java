package dev.lakehouse.streams.trusted;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contract's rule for an order_id that occurs more than once: the copies differ only in {@code
 * cpf} and {@code order_created_at} (one about 30 days earlier), and statuses exist only for the
 * true date. The real copy is the one whose created date (UTC) is the date of one of the order's
 * REGISTERED events; when none matches (the status has not arrived yet), or several do, the latest
 * copy among the candidates. Ties on the creation time are broken by {@code tieBreak}, a content
 * order, so the choice never depends on arrival order. The decision is taken again whenever a copy
 * or a REGISTERED event arrives.
 */
public final class DuplicateOrders {
  private DuplicateOrders() {}

  /** Why a copy was chosen. */
  public enum Rule {
    /** The only copy. */
    SINGLE,
    /** Its date matches a REGISTERED event. */
    MATCHES_REGISTERED,
    /** No copy matches a REGISTERED event (yet): the latest. */
    LATEST
  }

  /** The chosen copy and the rejected ones (latest first). */
  public record Resolution<T>(T chosen, List<T> rejected, Rule rule) {}

  /**
   * @param copies at least one copy of the order
   * @param createdAt a copy's {@code order_created_at}
   * @param tieBreak a total order on copies' contents, for copies created at the same instant
   * @param registeredTimes the times of the order's REGISTERED events (any, possibly none)
   */
  public static <T> Resolution<T> resolve(
      Collection<T> copies,
      Function<T, OffsetDateTime> createdAt,
      Comparator<T> tieBreak,
      Collection<OffsetDateTime> registeredTimes) {
    if (copies.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one copy");
    }
    Comparator<T> latestFirst =
        Comparator.comparing((T copy) -> createdAt.apply(copy).toInstant())
            .thenComparing(tieBreak)
            .reversed();
    List<T> ordered = copies.stream().sorted(latestFirst).toList();
    if (ordered.size() == 1) {
      return new Resolution<>(ordered.get(0), List.of(), Rule.SINGLE);
    }
    Set<LocalDate> registeredDates =
        registeredTimes.stream().map(DuplicateOrders::utcDate).collect(Collectors.toSet());
    T matching =
        ordered.stream()
            .filter(copy -> registeredDates.contains(utcDate(createdAt.apply(copy))))
            .findFirst()
            .orElse(null);
    T chosen = matching != null ? matching : ordered.get(0);
    List<T> rejected = ordered.stream().filter(copy -> copy != chosen).toList();
    return new Resolution<>(
        chosen, rejected, matching != null ? Rule.MATCHES_REGISTERED : Rule.LATEST);
  }

  private static LocalDate utcDate(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
  }
}
