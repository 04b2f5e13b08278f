package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.RawRowCodec.RawRow;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Which record of a consumer or restaurant id the trusted stage keeps when two differ: the one
 * created last ({@code created_at}), then the greater content, so the choice never depends on
 * arrival order. Identical records are one record.
 */
final class DimensionChoice {
  private DimensionChoice() {}

  /** Whether {@code current} stays in place of {@code candidate}. */
  static boolean keepsCurrent(Dataset dataset, RawRow current, RawRow candidate) {
    return comparator(dataset).compare(current, candidate) >= 0;
  }

  private static Comparator<RawRow> comparator(Dataset dataset) {
    int createdAt = dataset.fieldNames().indexOf("created_at");
    return Comparator.comparing(
            (RawRow row) -> (OffsetDateTime) row.values()[createdAt],
            Comparator.nullsFirst(Comparator.comparing(OffsetDateTime::toInstant)))
        .thenComparing(row -> Arrays.toString(row.values()));
  }
}
