package dev.lakehouse.nightly.maintenance;

import dev.lakehouse.common.lake.LakeMarks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, in a versioned table ({@link LakeMarks#VERSIONED_KEY}), only the rows of each key's
 * highest {@code _version}: one {@code DELETE} whose rows are those a newer version of their key
 * supersedes, written as position deletes (never equality deletes, which Athena cannot read
 * cheaply) that the compaction step then applies. The rows that stay are untouched: {@code
 * _version}, {@code _versioned_at} and {@code _caused_at} keep their values, so versions the stream
 * appends later still supersede them.
 *
 * <p>Beside the live stream: the delete runs with snapshot isolation, so the writer's appends that
 * land meanwhile are no conflict; a row is removed only when a higher version of its key exists, so
 * a version appended during the run is never removed (it is the highest of its key).
 */
public final class ConsolidateStep implements MaintenanceStep {
  private static final Logger LOG = LoggerFactory.getLogger(ConsolidateStep.class);

  /** The table settings the delete needs: position deletes, and appends beside it allowed. */
  static final Map<String, String> DELETE_PROPERTIES =
      Map.of(
          TableProperties.DELETE_MODE, "merge-on-read",
          TableProperties.DELETE_ISOLATION_LEVEL, "snapshot");

  public static final String NAME = "consolidate";

  private final MaintenanceContext context;

  ConsolidateStep(MaintenanceContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StepOutcome run(TableIdentifier id, Table table, TableShape before) {
    String key = table.properties().get(LakeMarks.VERSIONED_KEY);
    if (key == null) {
      return StepOutcome.of(StepStatus.NOTHING_TO_DO, "not a versioned table");
    }
    String sqlName = context.sqlName(id);
    String keyColumn = MaintenanceContext.quote(key);
    String version = MaintenanceContext.quote(LakeMarks.VERSION_COLUMN);
    long superseded =
        context
            .spark()
            .sql(
                "SELECT count(*) FROM (SELECT "
                    + version
                    + ", max("
                    + version
                    + ") OVER (PARTITION BY "
                    + keyColumn
                    + ") AS current_version FROM "
                    + sqlName
                    + ") WHERE "
                    + version
                    + " < current_version")
            .first()
            .getLong(0);
    if (superseded == 0) {
      return StepOutcome.of(
          StepStatus.NOTHING_TO_DO, "every row is of its " + key + "'s current version");
    }
    if (context.dryRun()) {
      return StepOutcome.of(
              StepStatus.PLANNED, String.format("would remove %,d superseded row(s)", superseded))
          .with("supersededRows", superseded);
    }
    ensureDeleteProperties(table);
    context
        .spark()
        .sql(
            "DELETE FROM "
                + sqlName
                + " AS superseded WHERE EXISTS (SELECT 1 FROM "
                + sqlName
                + " AS newer WHERE newer."
                + keyColumn
                + " = superseded."
                + keyColumn
                + " AND newer."
                + version
                + " > superseded."
                + version
                + ")");
    return StepOutcome.of(
            StepStatus.DONE,
            String.format("removed %,d superseded row(s) with position deletes", superseded))
        .with("supersededRows", superseded);
  }

  private static void ensureDeleteProperties(Table table) {
    Map<String, String> changed = new LinkedHashMap<>();
    DELETE_PROPERTIES.forEach(
        (name, value) -> {
          if (!value.equals(table.properties().get(name))) {
            changed.put(name, value);
          }
        });
    if (changed.isEmpty()) {
      return;
    }
    UpdateProperties update = table.updateProperties();
    changed.forEach(update::set);
    update.commit();
    LOG.info("table {}: set {} for the consolidation's deletes", table.name(), changed);
  }
}
