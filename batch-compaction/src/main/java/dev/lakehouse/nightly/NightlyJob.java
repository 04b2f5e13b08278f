package dev.lakehouse.nightly;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.NightlySettings;
import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.nightly.maintenance.ConsolidateStep;
import dev.lakehouse.nightly.maintenance.MaintenanceContext;
import dev.lakehouse.nightly.maintenance.StepResult;
import dev.lakehouse.nightly.maintenance.StepStatus;
import dev.lakehouse.nightly.maintenance.TableMaintenance;
import dev.lakehouse.nightly.maintenance.TableSelection;
import dev.lakehouse.nightly.measure.MeasureResult;
import dev.lakehouse.nightly.measure.MeasureSql;
import dev.lakehouse.nightly.measure.MeasureStep;
import dev.lakehouse.nightly.validation.CheckResult;
import dev.lakehouse.nightly.validation.LakeValidation;
import dev.lakehouse.nightly.validation.ValidationContext;
import dev.lakehouse.nightly.validation.ValidationResultsTable;
import dev.lakehouse.nightly.views.ViewChange;
import dev.lakehouse.nightly.views.ViewsStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly job's entry point: maintains every table of the lake, or those of {@code --tables},
 * step by step ({@link TableMaintenance#nightlySteps}), writes the report and prints its summary.
 * Exit code 0 when no step failed (a step that lost to a concurrent commit is not a failure) and
 * every error-severity check passed, 1 when a step failed or the job could not run, 2 on bad
 * arguments or settings, 3 when a check of severity error failed.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

  private NightlyJob() {}

  public static void main(String[] args) {
    NightlyOptions options;
    LakehouseSettings settings;
    NightlySettings nightly;
    try {
      options = NightlyOptions.parse(args);
      settings = LakehouseSettings.load(options.config());
      nightly = NightlySettings.load(options.config(), System.getenv());
    } catch (IllegalArgumentException | SettingsException e) {
      System.err.println("nightly: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      NightlyReport report = run(options, settings, nightly);
      if (options.report().isPresent()) {
        Files.writeString(options.report().get(), report.toJson(), StandardCharsets.UTF_8);
      }
      String summary = report.summary();
      if (options.summary().isPresent()) {
        Files.writeString(options.summary().get(), summary, StandardCharsets.UTF_8);
      }
      System.out.print(summary);
      System.exit(report.exitCode());
    } catch (RuntimeException | IOException e) {
      LOG.error("nightly job failed", e);
      System.exit(1);
    }
  }

  static NightlyReport run(
      NightlyOptions options, LakehouseSettings settings, NightlySettings nightly) {
    String runId = UUID.randomUUID().toString();
    Instant started = Instant.now();
    List<StepResult> results = new ArrayList<>();
    List<CheckResult> checks;
    List<ViewChange> views;
    MeasureResult measure;
    try (SparkSession spark = SparkSessions.open(settings, options.master())) {
      String catalogName = settings.catalog().name();
      Catalog catalog = Spark3Util.loadIcebergCatalog(spark, catalogName);
      List<String> tables = TableSelection.select(allTables(catalog), options.tables());
      LOG.info(
          "nightly run {}{}: {} table(s) {}",
          runId,
          options.dryRun() ? " (dry run)" : "",
          tables.size(),
          tables);
      MaintenanceContext context =
          new MaintenanceContext(spark, catalogName, nightly, options.dryRun(), Clock.systemUTC());
      ProgressFile progress = new ProgressFile(options.progress());
      TableMaintenance maintenance =
          new TableMaintenance(catalog, TableMaintenance.nightlySteps(context), progress::table);
      for (String table : tables) {
        results.addAll(maintenance.run(TableIdentifier.parse(table)));
      }
      views = new ViewsStep(spark, catalog, catalogName, options.dryRun()).run();
      progress.views(views);
      ValidationContext validation =
          new ValidationContext(
              spark,
              catalogName,
              catalog,
              settings,
              nightly,
              Clock.systemUTC(),
              Set.copyOf(tables),
              consolidatedAt(results));
      Instant checkedAt = Instant.now();
      checks = LakeValidation.run(validation);
      if (!options.dryRun()) {
        ValidationResultsTable.append(spark, catalog, catalogName, runId, checkedAt, checks);
      }
      measure =
          tables.contains(MeasureSql.PROCESS_LOG)
              ? new MeasureStep(spark, catalog, options.dryRun()).run()
              : MeasureResult.skipped(MeasureSql.PROCESS_LOG + " is not among the run's tables");
      progress.measure(measure);
    }
    return new NightlyReport(
        runId, started, Instant.now(), options.dryRun(), results, views, checks, measure);
  }

  /** When this run's consolidation started on each table it consolidated. */
  private static Map<String, Instant> consolidatedAt(List<StepResult> results) {
    Map<String, Instant> at = new HashMap<>();
    for (StepResult result : results) {
      if (result.step().equals(ConsolidateStep.NAME)
          && (result.status() == StepStatus.DONE || result.status() == StepStatus.NOTHING_TO_DO)) {
        at.put(result.table(), result.startedAt());
      }
    }
    return at;
  }

  private static List<String> allTables(Catalog catalog) {
    List<String> tables = new ArrayList<>();
    if (!(catalog instanceof SupportsNamespaces namespaces)) {
      return tables;
    }
    for (Namespace namespace : namespaces.listNamespaces()) {
      for (TableIdentifier id : catalog.listTables(namespace)) {
        tables.add(id.toString());
      }
    }
    return tables;
  }
}
