package dev.lakehouse.cli;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.stack.ComponentHealth;
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.stack.StackHealth;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Probes the broker, the S3 server and the catalog; exit code 0 only when all three answer. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show whether the broker, the S3 server and the catalog answer, using the settings that "
            + "'lakehouse up' wrote (or --config). Exit code 0 when all are healthy, 1 otherwise.")
final class StatusCommand implements Callable<Integer> {
  @Mixin DataDirOption dataDir = new DataDirOption();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file to check instead of the local stack's (e.g. a deployment's).")
  Path config;

  @Override
  public Integer call() {
    Path dir = dataDir.resolve();
    StackConfig stackConfig = StackConfig.defaults(dir);
    Path settingsFile = config != null ? config : stackConfig.settingsFile();
    if (config == null) {
      OptionalLong owner = new StackPidFile(stackConfig.pidFile()).liveOwner();
      System.out.println(
          "stack     "
              + (owner.isPresent() ? "running, pid " + owner.getAsLong() : "not running")
              + " ("
              + dir
              + ")");
    }
    LakehouseSettings settings;
    try {
      settings = LakehouseSettings.load(settingsFile);
    } catch (SettingsException e) {
      System.out.println("settings  " + e.getMessage());
      return 1;
    }
    List<ComponentHealth> health = StackHealth.check(settings);
    for (ComponentHealth component : health) {
      System.out.printf(
          "%-9s %-9s %s%n",
          component.component(), component.healthy() ? "healthy" : "UNHEALTHY", component.detail());
    }
    return health.stream().allMatch(ComponentHealth::healthy) ? 0 : 1;
  }
}
