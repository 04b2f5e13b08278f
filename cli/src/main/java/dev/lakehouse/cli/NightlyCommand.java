package dev.lakehouse.cli;

import dev.lakehouse.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./lakehouse nightly}: the nightly job once, against the local stack or a settings file.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description =
        "Run the nightly job once: per table consolidate, compact, rewrite deletes and manifests,"
            + " expire snapshots, remove orphan files (see docs/nightly.md). Spark runs in a JVM of"
            + " its own; its log, report and summary go to <data-dir>/logs. Exit code 0 when no step"
            + " failed, 1 otherwise, 2 on bad arguments.")
final class NightlyCommand implements Callable<Integer> {
  @Mixin DataDirOption dataDir = new DataDirOption();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file of the lake to maintain (default: the local stack's).")
  Path config;

  @Option(
      names = "--tables",
      split = ",",
      paramLabel = "NAME",
      description = "Namespaces or namespace.table names (default: every table of the catalog).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--dry-run", description = "Say what each step would do; commit nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    StackConfig stack = StackConfig.defaults(dataDir.resolve());
    Path settings = config != null ? config : stack.settingsFile();
    if (!Files.exists(settings)) {
      System.err.println(
          "lakehouse nightly: no settings file "
              + settings
              + ": start the local stack (./lakehouse up) or pass --config");
      return 2;
    }
    NightlyRun run = new NightlyRun(settings, stack.logDir(), tables, dryRun);
    System.out.printf(
        "nightly    %s%s; Spark's log in %s%n",
        tables.isEmpty() ? "every table" : String.join(", ", tables),
        dryRun ? " (dry run)" : "",
        stack.logDir().resolve("nightly.log"));
    NightlyRun.Result result = run.run(System.out);
    if (result.exitCode() != 0) {
      System.out.printf("nightly    exit code %d; the log: %s%n", result.exitCode(), result.log());
    }
    return result.exitCode();
  }
}
