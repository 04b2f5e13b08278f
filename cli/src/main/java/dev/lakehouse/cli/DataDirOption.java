package dev.lakehouse.cli;

import dev.lakehouse.process.LakehouseHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --data-dir option shared by the commands that use the local stack. */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "State of the local stack (broker log, S3 objects, catalog). Default: .lakehouse in the checkout.")
  Path dataDir;

  Path resolve() {
    return dataDir != null
        ? dataDir.toAbsolutePath().normalize()
        : LakehouseHome.fromEnvironment().defaultDataDir();
  }
}
