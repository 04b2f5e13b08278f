package dev.lakehouse.cli;

import dev.lakehouse.common.query.LakeView;
import dev.lakehouse.common.query.LakeViews;
import dev.lakehouse.common.query.ViewStatements;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.stack.StackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./lakehouse views}: writes the query layer's views as the scripts that Athena (over Glue)
 * and Redshift Spectrum apply, from the trusted tables' current schemas.
 */
@Command(
    name = "views",
    mixinStandardHelpOptions = true,
    description =
        "Write the query layer's views (see docs/query.md) as SQL scripts for the engines whose"
            + " catalog keeps no Iceberg views: athena.sql (Athena over Glue) and, with"
            + " --redshift-iam-role, redshift.sql (Redshift Spectrum). Generated from the trusted"
            + " tables' schemas in the catalog (the app's own schemas for a table not created yet)."
            + " Exit code 0 when written, 2 on bad arguments.")
final class ViewsCommand implements Callable<Integer> {
  @Mixin DataDirOption dataDir = new DataDirOption();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file of the lake (default: the local stack's).")
  Path config;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the scripts (default: <data-dir>/views).")
  Path out;

  @Option(
      names = "--redshift-database",
      paramLabel = "NAME",
      defaultValue = "trusted",
      description =
          "Glue database of the trusted tables, for Redshift (default: ${DEFAULT-VALUE}).")
  String redshiftDatabase;

  @Option(
      names = "--redshift-iam-role",
      paramLabel = "ARN",
      description = "IAM role Redshift reads the Glue catalog and S3 with; writes redshift.sql.")
  String redshiftRole;

  @Option(
      names = "--redshift-region",
      paramLabel = "REGION",
      description = "AWS region of the Glue catalog (default: the settings' s3.region).")
  String redshiftRegion;

  @Override
  public Integer call() throws Exception {
    StackConfig stack = StackConfig.defaults(dataDir.resolve());
    Path settingsFile = config != null ? config : stack.settingsFile();
    LakehouseSettings settings;
    try {
      settings = LakehouseSettings.load(settingsFile);
    } catch (SettingsException e) {
      System.err.println("lakehouse views: " + e.getMessage());
      return 2;
    }
    ViewStatements.RedshiftTarget redshift = null;
    if (redshiftRole != null) {
      try {
        redshift =
            new ViewStatements.RedshiftTarget(
                redshiftDatabase,
                redshiftRole,
                redshiftRegion != null ? redshiftRegion : settings.s3().region());
      } catch (IllegalArgumentException e) {
        System.err.println("lakehouse views: " + e.getMessage());
        return 2;
      }
    }
    List<LakeView> views;
    Files.createDirectories(stack.logDir());
    ComponentLogs.sendTo(stack.logDir().resolve("views.log"));
    Catalog catalog = LakehouseCatalogs.open(settings);
    try {
      views = LakeViews.all(TrustedColumns.of(catalog));
    } finally {
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
    Path dir = out != null ? out : dataDir.resolve().resolve("views");
    Files.createDirectories(dir);
    Path athena = dir.resolve("athena.sql");
    Files.writeString(athena, ViewStatements.athena(views), StandardCharsets.UTF_8);
    System.out.printf("wrote %s (%d views)%n", athena, views.size());
    if (redshift != null) {
      Path file = dir.resolve("redshift.sql");
      Files.writeString(file, ViewStatements.redshift(views, redshift), StandardCharsets.UTF_8);
      System.out.printf("wrote %s (%d views)%n", file, views.size());
    } else {
      System.out.println(
          "no redshift.sql: pass --redshift-iam-role (and --redshift-region, --redshift-database)");
    }
    return 0;
  }
}
