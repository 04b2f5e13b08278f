package dev.lakehouse.common.query;

import dev.lakehouse.common.lake.LakeLayout;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The views as SQL scripts for the engines whose catalog keeps no Iceberg views: Athena over Glue
 * ({@code CREATE OR REPLACE VIEW} in Athena's dialect, which is Trino's) and Redshift Spectrum (an
 * external schema per Glue database, then late-binding views, {@code WITH NO SCHEMA BINDING}). One
 * statement per view, each ended by a semicolon, in creation order. Pure: the caller writes them.
 */
public final class ViewStatements {
  private ViewStatements() {}

  /** Where Redshift finds the lake: the Glue database of the trusted namespace, role and region. */
  public record RedshiftTarget(String glueDatabase, String iamRole, String region) {
    public RedshiftTarget {
      require(glueDatabase, "the Glue database");
      require(iamRole, "the IAM role");
      require(region, "the region");
    }

    private static void require(String value, String what) {
      if (value == null || value.isBlank() || value.contains("'")) {
        throw new IllegalArgumentException(what + " must be set and hold no quote, got: " + value);
      }
    }
  }

  /**
   * Athena: the Glue databases of the views' namespaces (Athena's DDL, which is Hive's, creates
   * them), then each view.
   */
  public static String athena(List<LakeView> views) {
    StringBuilder sql = new StringBuilder(header("Athena (engine v3) over the Glue Data Catalog"));
    for (String namespace : namespaces(views)) {
      sql.append("CREATE DATABASE IF NOT EXISTS `").append(namespace).append("`;\n\n");
    }
    for (LakeView view : views) {
      sql.append("-- ").append(view.comment()).append('\n');
      sql.append("CREATE OR REPLACE VIEW ")
          .append(SqlDialect.TRINO.quote(view.namespace()))
          .append('.')
          .append(SqlDialect.TRINO.quote(view.name()))
          .append(" AS\n")
          .append(view.query(SqlDialect.TRINO))
          .append(";\n\n");
    }
    return sql.toString();
  }

  /**
   * Redshift Spectrum: the external schema over the trusted namespace's Glue database, a local
   * schema per namespace of the views, and each view as a late-binding view.
   */
  public static String redshift(List<LakeView> views, RedshiftTarget target) {
    StringBuilder sql = new StringBuilder(header("Amazon Redshift (Spectrum)"));
    sql.append("CREATE EXTERNAL SCHEMA IF NOT EXISTS ")
        .append(
            SqlDialect.REDSHIFT.quote(
                SqlDialect.REDSHIFT_EXTERNAL_PREFIX + LakeLayout.TRUSTED_NAMESPACE))
        .append("\nFROM DATA CATALOG\nDATABASE '")
        .append(target.glueDatabase())
        .append("'\nIAM_ROLE '")
        .append(target.iamRole())
        .append("'\nREGION '")
        .append(target.region())
        .append("';\n\n");
    for (String namespace : namespaces(views)) {
      sql.append("CREATE SCHEMA IF NOT EXISTS ")
          .append(SqlDialect.REDSHIFT.quote(namespace))
          .append(";\n\n");
    }
    for (LakeView view : views) {
      sql.append("-- ").append(view.comment()).append('\n');
      sql.append("CREATE OR REPLACE VIEW ")
          .append(SqlDialect.REDSHIFT.view(view.namespace(), view.name()))
          .append(" AS\n")
          .append(view.query(SqlDialect.REDSHIFT))
          .append("\nWITH NO SCHEMA BINDING;\n\n");
    }
    return sql.toString();
  }

  private static Set<String> namespaces(List<LakeView> views) {
    Set<String> namespaces = new LinkedHashSet<>();
    views.forEach(view -> namespaces.add(view.namespace()));
    return namespaces;
  }

  private static String header(String engine) {
    return "-- The lakehouse's views for "
        + engine
        + ", generated from the trusted tables' schemas.\n"
        + "-- Apply the whole file; every statement replaces what it creates. See docs/query.md.\n\n";
  }
}
