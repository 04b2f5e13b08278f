package dev.lakehouse.common.contract;

import java.util.Locale;

/**
 * One field of a raw table's partition spec: a source field and a transform of it.
 *
 * @param field the source field
 * @param transform what of it partitions the table
 */
public record PartitionField(String field, Transform transform) {
  /** The transforms a contract may use; the time ones apply to a {@code timestamptz} field. */
  public enum Transform {
    IDENTITY,
    YEAR,
    MONTH,
    DAY,
    HOUR;

    /** The transform a contract file names. */
    public static Transform parse(String text) {
      for (Transform transform : values()) {
        if (transform.name().equalsIgnoreCase(text.trim())) {
          return transform;
        }
      }
      throw new IllegalArgumentException(
          "unknown transform '" + text + "': one of identity, year, month, day, hour");
    }

    public boolean onTime() {
      return this != IDENTITY;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
