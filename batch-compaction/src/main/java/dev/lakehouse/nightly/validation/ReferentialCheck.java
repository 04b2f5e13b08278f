package dev.lakehouse.nightly.validation;

import dev.lakehouse.nightly.SparkNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Orders still without their consumer or restaurant: the ids of {@code raw.order} that no row of
 * the dimension's raw table has, counted by order (a warning: a dimension may arrive later, and the
 * trusted stage completes the order then).
 */
final class ReferentialCheck implements LakeCheck {
  /** A column of one table that names a row of another. */
  record Reference(
      String table, String column, String keyColumn, String dimension, String dimensionKey) {}

  static final List<Reference> REFERENCES =
      List.of(
          new Reference("raw.order", "customer_id", "order_id", "raw.consumer", "customer_id"),
          new Reference("raw.order", "merchant_id", "order_id", "raw.restaurant", "id"));

  @Override
  public String name() {
    return "referential";
  }

  @Override
  public List<CheckResult> run(ValidationContext context) {
    List<CheckResult> results = new ArrayList<>();
    for (Reference reference : REFERENCES) {
      if (!context.covers(reference.table())
          || !context.catalog().tableExists(TableIdentifier.parse(reference.dimension()))) {
        continue;
      }
      String column = SparkNames.quote(reference.column());
      String orphans =
          "SELECT DISTINCT o."
              + SparkNames.quote(reference.keyColumn())
              + " FROM "
              + context.sqlName(reference.table())
              + " o LEFT ANTI JOIN "
              + context.sqlName(reference.dimension())
              + " d ON o."
              + column
              + " = d."
              + SparkNames.quote(reference.dimensionKey())
              + " WHERE o."
              + column
              + " IS NOT NULL";
      long missing = context.count("SELECT count(*) FROM (" + orphans + ")");
      results.add(
          CheckResult.of(
              name(),
              reference.table(),
              reference.column() + " names a row of " + reference.dimension(),
              Severity.WARNING,
              missing,
              Expectation.equalTo(0),
              missing == 0 ? List.of() : context.sample(orphans)));
    }
    return results;
  }
}
