package dev.lakehouse.streams;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.common.settings.TrustedSettings;
import dev.lakehouse.streams.app.AppProcess;
import dev.lakehouse.streams.app.ExitPolicy;
import dev.lakehouse.streams.app.StreamsApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lakehouse streams}: runs the Streams app until stopped (the container entry point too).
 */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Run the Streams app: validate the source topics against their contracts and write, exactly once, "
            + "the raw Iceberg tables, the trusted tables (enriched, anonymized, versioned; trusted.enabled=false turns them "
            + "off) and the dead letters of every stage into raw.dead_letters. Settings come from the streams.* and trusted.* "
            + "keys of the settings file or their LAKEHOUSE_* variables; metrics on /metrics, probes on /health/live "
            + "and /health/ready (on 127.0.0.1 unless --http-host says otherwise). Runs until SIGTERM (exit code 143) or Ctrl-C (130); "
            + "exits 1 within seconds if the topology or the writer fails, 2 on bad settings.")
public final class StreamsCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file (default: $LAKEHOUSE_CONFIG, else the local stack's .lakehouse/lakehouse.properties).")
  Path config;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description = "Overrides streams.application-id.")
  String applicationId;

  @Option(
      names = "--successor-of",
      paramLabel = "ID",
      description =
          "Overrides streams.successor-of: take the lake over from the application with this id (stop it first).")
  String successorOf;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Overrides streams.http-port (0: any free port).")
  Integer httpPort;

  @Option(
      names = "--http-host",
      paramLabel = "ADDRESS",
      description =
          "Overrides streams.http-host, the address the HTTP port binds to (default 127.0.0.1; 0.0.0.0 in a pod).")
  String httpHost;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Overrides streams.state-dir.")
  Path stateDir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamsCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path file = config != null ? config : LakehouseSettings.defaultFile();
    LakehouseSettings settings;
    StreamsSettings streamsSettings;
    TrustedSettings trusted;
    try {
      settings = LakehouseSettings.load(file);
      streamsSettings = StreamsSettings.load(file, System.getenv());
      trusted = TrustedSettings.load(file, System.getenv());
      if (applicationId != null) {
        streamsSettings = streamsSettings.withApplicationId(applicationId);
      }
      if (successorOf != null) {
        streamsSettings = streamsSettings.withSuccessorOf(successorOf);
      }
      if (httpPort != null) {
        streamsSettings = streamsSettings.withHttpPort(httpPort);
      }
      if (httpHost != null) {
        streamsSettings = streamsSettings.withHttpHost(httpHost);
      }
      if (stateDir != null) {
        streamsSettings = streamsSettings.withStateDir(stateDir);
      }
    } catch (SettingsException e) {
      System.err.println("lakehouse streams: " + e.getMessage());
      return ExitPolicy.BAD_SETTINGS;
    }
    StreamsApp app = StreamsApp.start(settings, streamsSettings, trusted);
    System.out.println(
        "streams app "
            + streamsSettings.applicationId()
            + " running; metrics on http://"
            + streamsSettings.httpHost()
            + ":"
            + app.httpPort()
            + "/metrics (Ctrl-C to stop)");
    return AppProcess.run(app, System.err);
  }
}
