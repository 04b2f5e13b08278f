package dev.lakehouse.common.query;

import dev.lakehouse.common.lake.LakeLayout;

/**
 * The SQL dialects the query layer writes: Spark's, Trino's (which Athena engine v3 speaks) and
 * Redshift's (Spectrum). They differ here only in how they quote a name and in how they name a
 * table or a view of the lake:
 *
 * <ul>
 *   <li>Spark: {@code `trusted`.`order`}, resolved in the view's default catalog (the lake's
 *       catalog as Spark names it);
 *   <li>Trino / Athena: {@code "awsdatacatalog"."trusted"."order"}, the catalog named, since Trino
 *       resolves a view's two-part names in the view's default catalog, which is Spark's name;
 *   <li>Redshift: the lake's tables through an external schema per Glue database ({@code
 *       "lake_trusted"."order"}, see {@link #REDSHIFT_EXTERNAL_PREFIX}), and the views in a local
 *       schema of the namespace's name ({@code "trusted"."order_current"}).
 * </ul>
 */
public enum SqlDialect {
  SPARK("spark", '`'),
  TRINO("trino", '"'),
  REDSHIFT("redshift", '"');

  /** Redshift's external schema of the lake's namespace {@code ns} is {@code lake_<ns>}. */
  public static final String REDSHIFT_EXTERNAL_PREFIX = "lake_";

  private final String id;
  private final char quote;

  SqlDialect(String id, char quote) {
    this.id = id;
    this.quote = quote;
  }

  /** The dialect's name in an Iceberg view's SQL representation ({@code spark}, {@code trino}). */
  public String id() {
    return id;
  }

  /** The identifier quoted, an embedded quote doubled. */
  public String quote(String identifier) {
    String q = String.valueOf(quote);
    return q + identifier.replace(q, q + q) + q;
  }

  /** A table of the lake, as a query in this dialect names it. */
  public String table(String namespace, String name) {
    return switch (this) {
      case SPARK -> quote(namespace) + "." + quote(name);
      case TRINO -> quote(LakeLayout.QUERY_CATALOG) + "." + quote(namespace) + "." + quote(name);
      case REDSHIFT -> quote(REDSHIFT_EXTERNAL_PREFIX + namespace) + "." + quote(name);
    };
  }

  /** A view of the query layer, as a query in this dialect names it. */
  public String view(String namespace, String name) {
    return this == REDSHIFT ? quote(namespace) + "." + quote(name) : table(namespace, name);
  }
}
