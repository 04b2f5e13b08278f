package dev.lakehouse.cli;

import dev.lakehouse.ingest.GenerateCommand;
import dev.lakehouse.ingest.IngestCommand;
import dev.lakehouse.streams.StreamsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lakehouse}: one executable, one subcommand per job. */
@Command(
    name = "lakehouse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming lakehouse: Kafka in, Apache Iceberg on S3 out, exactly once.",
    subcommands = {
      DemoCommand.class,
      UpCommand.class,
      StatusCommand.class,
      GenerateCommand.class,
      IngestCommand.class,
      StreamsCommand.class,
      NightlyCommand.class,
      ViewsCommand.class,
      SqlCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LakehouseCli {

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  static CommandLine newCommandLine() {
    return new CommandLine(new LakehouseCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
