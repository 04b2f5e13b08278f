package dev.lakehouse.streams.writer;

/**
 * Whether a row can be written into its table: {@link #OK}, or a reason (one of the constants here,
 * the {@code reason} of its writer-stage dead letter) and a detail that names the column, never the
 * value. {@code decoded} says whether the row was read far enough for its lineage to be trusted.
 */
public record RowVerdict(String reason, String detail, boolean decoded) {
  public static final String UNDECODABLE = "undecodable-row";
  public static final String REQUIRED_NULL = "required-column-null";
  public static final String DECIMAL_OVERFLOW = "decimal-overflow";
  public static final String OUT_OF_RANGE = "value-out-of-range";
  public static final String INVALID_UTF8 = "invalid-utf8";

  public static final RowVerdict OK = new RowVerdict(null, null, true);

  public boolean ok() {
    return reason == null;
  }

  /** A row that decoded but that a column cannot hold. */
  public static RowVerdict refused(String reason, String detail) {
    return new RowVerdict(reason, detail, true);
  }

  /** A row that does not decode at all. */
  public static RowVerdict undecodable(String detail) {
    return new RowVerdict(UNDECODABLE, detail, false);
  }
}
