package dev.lakehouse.nightly.validation;

import java.util.List;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * An order's {@code order_total_amount} against the sum of its items' {@code total_value}, on the
 * current rows of the trusted tables. A garnish's price is inside its item's {@code total_value}
 * (the item's {@code total_addition}), so adding the garnishes' {@code total_value} again would
 * count them twice. The source does not promise that the totals agree, so the mismatches are
 * counted, as a warning, never assumed away.
 */
final class ConsistencyCheck implements LakeCheck {
  static final String ORDER = "trusted.order";
  static final String ITEM = "trusted.order_item";

  @Override
  public String name() {
    return "consistency";
  }

  @Override
  public List<CheckResult> run(ValidationContext context) {
    if (!context.covers(ORDER) || !context.catalog().tableExists(TableIdentifier.parse(ITEM))) {
      return List.of();
    }
    String mismatched =
        "SELECT o.order_id FROM "
            + current(context, ORDER)
            + " o LEFT JOIN (SELECT order_id, sum(total_value) AS total FROM "
            + current(context, ITEM)
            + " GROUP BY order_id) i ON o.order_id = i.order_id"
            + " WHERE o.order_total_amount IS NOT NULL"
            + " AND o.order_total_amount <> coalesce(i.total, 0)";
    long orders = context.count("SELECT count(*) FROM " + current(context, ORDER));
    long mismatches = context.count("SELECT count(*) FROM (" + mismatched + ")");
    return List.of(
        CheckResult.of(
            name(),
            ORDER,
            String.format(
                "order_total_amount = the sum of its items' total_value, garnishes included"
                    + " (%,d current orders)",
                orders),
            Severity.WARNING,
            mismatches,
            Expectation.equalTo(0),
            mismatches == 0 ? List.of() : context.sample(mismatched)));
  }

  /** The rows of each order's highest version, as a subquery. */
  private static String current(ValidationContext context, String table) {
    return "(SELECT * FROM (SELECT t.*, max(_version) OVER (PARTITION BY order_id) AS current_version FROM "
        + context.sqlName(table)
        + " t) WHERE _version = current_version)";
  }
}
