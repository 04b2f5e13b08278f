package dev.lakehouse.ingest;

import dev.lakehouse.common.settings.LakehouseSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --config option of commands that talk to Kafka and S3. */
public final class SettingsOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file (default: $LAKEHOUSE_CONFIG, else the local stack's .lakehouse/lakehouse.properties).")
  Path config;

  public LakehouseSettings load() {
    return LakehouseSettings.load(config != null ? config : LakehouseSettings.defaultFile());
  }
}
