package dev.lakehouse.nightly;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.TableIdentifier;

/** Names for Spark SQL, each part back-quoted, so that {@code order} and the like parse. */
public final class SparkNames {
  private SparkNames() {}

  /** {@code `lakehouse`.`trusted`.`order`}. */
  public static String table(String catalog, TableIdentifier id) {
    return quote(catalog)
        + "."
        + Arrays.stream(id.namespace().levels())
            .map(SparkNames::quote)
            .collect(Collectors.joining("."))
        + "."
        + quote(id.name());
  }

  /** A Spark SQL identifier in back-quotes. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** A Spark SQL string literal. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
