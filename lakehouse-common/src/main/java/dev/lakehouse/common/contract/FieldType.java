package dev.lakehouse.common.contract;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a source field in its raw table, as a contract file spells it: {@code string}, {@code
 * boolean}, {@code int}, {@code long}, {@code double}, {@code decimal(P,S)} or {@code timestamptz}.
 * Engine-neutral: the Streams app maps it to an Iceberg type.
 *
 * @param kind the kind of value
 * @param precision a decimal's digits in all (0 for the other kinds)
 * @param scale a decimal's digits after the point (0 for the other kinds)
 */
public record FieldType(Kind kind, int precision, int scale) {
  /** The kinds of value a raw column holds. */
  public enum Kind {
    /** Text as received: identifiers, codes, numbers with leading zeros. */
    STRING("string", "invalid-type"),
    /** A JSON boolean, or the strings true and false in any case. */
    BOOLEAN("boolean", "invalid-boolean"),
    /** A 32-bit integer. */
    INT("int", "invalid-number"),
    /** A 64-bit integer. */
    LONG("long", "invalid-number"),
    /** A double; infinity and NaN are refused. */
    DOUBLE("double", "invalid-number"),
    /** An exact decimal, never rounded: more digits than its scale is refused. */
    DECIMAL("decimal", "invalid-number"),
    /** An ISO-8601 instant with a zone or offset, stored in UTC. */
    TIMESTAMPTZ("timestamptz", "invalid-timestamp");

    private final String spelling;
    private final String invalidReason;

    Kind(String spelling, String invalidReason) {
      this.spelling = spelling;
      this.invalidReason = invalidReason;
    }
  }

  public static final int MAX_DECIMAL_PRECISION = 38;
  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\(\\s*(\\d{1,2})\\s*,\\s*(\\d{1,2})\\s*\\)");

  public FieldType {
    if (kind == Kind.DECIMAL) {
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "decimal("
                + precision
                + ","
                + scale
                + ") needs a precision of 1 to "
                + MAX_DECIMAL_PRECISION
                + " and a scale of 0 to the precision");
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(kind.spelling + " has no precision or scale");
    }
  }

  public static FieldType of(Kind kind) {
    return new FieldType(kind, 0, 0);
  }

  public static FieldType decimal(int precision, int scale) {
    return new FieldType(Kind.DECIMAL, precision, scale);
  }

  /** The type a contract file names; an unknown name fails with the names it accepts. */
  public static FieldType parse(String text) {
    String name = text.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(name);
    if (decimal.matches()) {
      return decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    for (Kind kind : Kind.values()) {
      if (kind != Kind.DECIMAL && kind.spelling.equals(name)) {
        return of(kind);
      }
    }
    throw new IllegalArgumentException(
        "unknown type '"
            + text
            + "': one of string, boolean, int, long, double, decimal(P,S), timestamptz");
  }

  /** Whether values of this type are numbers, to which a range rule applies. */
  public boolean numeric() {
    return kind == Kind.INT || kind == Kind.LONG || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
  }

  /** The dead-letter reason of a value that cannot be read as this type. */
  public String invalidReason() {
    return kind.invalidReason;
  }

  /** The name a contract file gives the type. */
  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.spelling;
  }
}
