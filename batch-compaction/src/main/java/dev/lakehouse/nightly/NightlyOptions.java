package dev.lakehouse.nightly;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line of the nightly job. Validated up front with messages that say what to pass.
 *
 * @param tables the {@code --tables} selectors ({@code namespace} or {@code namespace.table});
 *     empty takes every table of the catalog
 */
record NightlyOptions(
    Path config,
    List<String> tables,
    boolean dryRun,
    Optional<Path> report,
    Optional<Path> summary,
    Optional<Path> progress,
    Optional<String> master) {

  @Command(
      name = "NightlyJob",
      description =
          "Maintains every table of the lake (or those of --tables): consolidate, compact, rewrite"
              + " deletes and manifests, expire snapshots, remove orphan files.")
  static final class Arguments {
    @Option(names = "--config", required = true, description = "the lakehouse.properties file")
    Path config;

    @Option(
        names = "--tables",
        split = ",",
        description = "namespaces or namespace.table names, comma-separated (default: all)")
    List<String> tables = new ArrayList<>();

    @Option(names = "--dry-run", description = "print what each step would do, commit nothing")
    boolean dryRun;

    @Option(names = "--report", description = "write the run's report as JSON to this file")
    Path report;

    @Option(names = "--summary", description = "write the readable summary to this file too")
    Path summary;

    @Option(
        names = "--progress",
        description = "append one line per finished step to this file, as the run goes")
    Path progress;

    @Option(
        names = "--master",
        description =
            "Spark master (default: spark-submit's, else local[*]); under spark-submit pass it there")
    String master;
  }

  static NightlyOptions parse(String... args) {
    Arguments parsed = new Arguments();
    try {
      new CommandLine(parsed).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(
          e.getMessage() + "; " + new CommandLine(new Arguments()).getUsageMessage().strip(), e);
    }
    List<String> tables =
        parsed.tables.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    for (String table : tables) {
      if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
        throw new IllegalArgumentException(
            "--tables takes <namespace> or <namespace>.<table>, got '" + table + "'");
      }
    }
    return new NightlyOptions(
        parsed.config,
        tables,
        parsed.dryRun,
        Optional.ofNullable(parsed.report),
        Optional.ofNullable(parsed.summary),
        Optional.ofNullable(parsed.progress),
        Optional.ofNullable(parsed.master));
  }
}
