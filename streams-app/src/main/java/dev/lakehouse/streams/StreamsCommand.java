package dev.lakehouse.streams;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.common.settings.TrustedSettings;
import dev.lakehouse.streams.app.StreamsApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakehouse streams}: runs the Streams app until stopped (the container entry point too). */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description = "Run the Streams app: validate the source topics against their contracts and write the raw Iceberg tables "
        + "(raw.order, raw.order_status, raw.consumer, raw.restaurant) and raw.dead_letters, exactly once. Settings come from the "
        + "streams.* keys of the settings file or LAKEHOUSE_STREAMS_* variables; metrics on /metrics, probes on /health/live "
        + "and /health/ready. Runs until SIGTERM or Ctrl-C; exits 1 if the app fails.")
public final class StreamsCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Settings file (default: $LAKEHOUSE_CONFIG, else the local stack's .lakehouse/lakehouse.properties).")
  Path config;

  @Option(names = "--application-id", paramLabel = "ID", description = "Overrides streams.application-id.")
  String applicationId;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Overrides streams.http-port (0: any free port).")
  Integer httpPort;

  @Option(names = "--http-host", paramLabel = "ADDRESS",
      description = "Overrides streams.http-host, the address the HTTP port binds to (default 127.0.0.1; 0.0.0.0 in a pod).")
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
      return 2;
    }
    StreamsApp app = StreamsApp.start(settings, streamsSettings, trusted);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopped.countDown();
      try {
        main.join(90_000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "streams-shutdown"));
    System.out.println("streams app " + streamsSettings.applicationId() + " running; metrics on http://localhost:"
        + app.httpPort() + "/metrics (Ctrl-C to stop)");
    String fatal = null;
    while (stopped.getCount() > 0 && (fatal = app.fatalError()) == null) {
      stopped.await(1, java.util.concurrent.TimeUnit.SECONDS);
    }
    // on SIGTERM the JVM is shutting down: leave the open batch to the next owner
    app.close(stopped.getCount() > 0);
    if (fatal != null) {
      System.err.println("lakehouse streams: " + fatal);
      return 1;
    }
    return 0;
  }
}
