package dev.lakehouse.ingest;

import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.iceberg.S3Clients;
import dev.lakehouse.ingest.file.IngestTopics;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GeneratedFileSink;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.ingest.generate.live.LiveOptions;
import dev.lakehouse.ingest.generate.live.LiveOrderStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code lakehouse generate}: the four food-delivery source files, with every quirk of the
 * contract.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write order.json.gz, status.json.gz, consumer.csv.gz and restaurant.csv.gz (and _manifest.json) to a "
            + "directory or s3:// prefix, deterministically for a seed, with every quirk of the source contract. With "
            + "--bad-rate it also writes malformed lines and a file with a truncated gzip tail. With --live it emits new orders "
            + "and their status transitions to the source topics over time instead.")
public final class GenerateCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "TARGET",
      arity = "0..1",
      description = "A directory or s3://bucket/prefix (not with --live).")
  String target;

  @Option(
      names = "--live",
      description =
          "Emit new orders and their status transitions to the source topics over time, "
              + "until --max-orders or Ctrl-C, instead of writing files.")
  boolean live;

  @Option(
      names = "--rate",
      paramLabel = "ORDERS_PER_S",
      defaultValue = "20",
      description = "With --live: new orders per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--max-orders",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "With --live: stop after N orders and their transitions (default: 0 = run until stopped).")
  long maxOrders;

  @Option(
      names = "--status-max-delay",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "With --live: the longest wait from PLACED to CONCLUDED or CANCELLED; waits are drawn between a "
              + "twentieth of it and all of it (default: ${DEFAULT-VALUE}).")
  double statusMaxDelaySeconds;

  @Mixin GeneratedFilesOptions files = new GeneratedFilesOptions(10_000, 1, 0);

  @Mixin SettingsOption settings = new SettingsOption();

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (live) {
      return runLive();
    }
    if (target == null) {
      System.err.println(
          "lakehouse generate: a TARGET directory or s3:// prefix is required (or --live)");
      return 2;
    }
    GeneratorOptions options;
    try {
      options = files.options();
    } catch (IllegalArgumentException e) {
      System.err.println("lakehouse generate: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    GenerationManifest manifest;
    if (target.startsWith("s3://")) {
      S3Client s3;
      try {
        s3 = S3Clients.forSettings(settings.load().s3());
      } catch (SettingsException e) {
        System.err.println("lakehouse generate: " + e.getMessage());
        return 2;
      }
      try (s3) {
        manifest = generate(options, new S3UploadSink(s3, URI.create(target)));
      }
    } else {
      manifest = generate(options, new DirectorySink(Path.of(target)));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    for (FileManifest file : manifest.files()) {
      System.out.printf(
          "%-28s %,12d lines %,10d bad%s%n",
          file.fileName(),
          file.lines(),
          file.badLines().values().stream().mapToLong(Long::longValue).sum(),
          file.truncatedGzip() ? "  (gzip tail truncated)" : "");
    }
    System.out.printf(
        "%,d lines in %.1f s (%,.0f lines/s) to %s%n",
        manifest.totalLines(), seconds, manifest.totalLines() / seconds, target);
    return 0;
  }

  private int runLive() throws Exception {
    LiveOptions options;
    dev.lakehouse.common.settings.LakehouseSettings lakehouse;
    try {
      options =
          new LiveOptions(
              files.seed(),
              rate,
              maxOrders,
              java.time.Duration.ofMillis(Math.round(statusMaxDelaySeconds * 1000)));
      lakehouse = settings.load();
    } catch (IllegalArgumentException | SettingsException e) {
      System.err.println("lakehouse generate: " + e.getMessage());
      return 2;
    }
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", lakehouse.kafka().bootstrapServers()))) {
      IngestTopics.ensure(admin, 3, lakehouse.datasets().contracts());
    }
    LiveOrderStream stream = new LiveOrderStream(options, Clock.systemUTC());
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stream.stop();
                  try {
                    main.join(10_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "live-generator-shutdown"));
    System.out.printf(
        "emitting about %.1f orders/s to %s (Ctrl-C to stop)%n",
        rate, lakehouse.kafka().bootstrapServers());
    LiveKafkaSink sink =
        new LiveKafkaSink(
            lakehouse.kafka().bootstrapServers(), files.seed(), UUID.randomUUID().toString());
    try {
      stream.run(sink);
    } finally {
      sink.close();
    }
    LiveKafkaSink.Delivery delivery = sink.delivery();
    delivery
        .acknowledged()
        .forEach((dataset, n) -> System.out.printf("%-22s %,d records%n", dataset.topic(), n));
    if (delivery.failed() > 0) {
      System.out.printf(
          "%,d sends failed, not in the topics: %s%n", delivery.failed(), delivery.firstFailure());
      return 1;
    }
    return 0;
  }

  private static GenerationManifest generate(GeneratorOptions options, GeneratedFileSink sink)
      throws java.io.IOException {
    return new FoodDeliveryGenerator(options).generate(sink);
  }
}
