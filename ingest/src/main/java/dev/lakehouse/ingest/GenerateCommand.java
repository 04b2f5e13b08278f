package dev.lakehouse.ingest;

import dev.lakehouse.common.settings.SettingsException;
import dev.lakehouse.iceberg.S3Clients;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GeneratedFileSink;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code lakehouse generate}: the four food-delivery source files, with every quirk of the contract. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write order.json.gz, status.json.gz, consumer.csv.gz and restaurant.csv.gz (and _manifest.json) to a "
        + "directory or s3:// prefix, deterministically for a seed, with every quirk of the source contract. With "
        + "--bad-rate it also writes malformed lines and a file with a truncated gzip tail.")
public final class GenerateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TARGET", description = "A directory or s3://bucket/prefix.")
  String target;

  @Option(names = "--orders", paramLabel = "N", defaultValue = "10000",
      description = "Orders to generate; consumers, restaurants and statuses follow in proportion (default: ${DEFAULT-VALUE}).")
  long orders;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bad-rate", paramLabel = "FRACTION", defaultValue = "0",
      description = "Share of malformed lines, 0 to 0.5 (default: ${DEFAULT-VALUE}).")
  double badRate;

  @Mixin SettingsOption settings = new SettingsOption();

  public static void main(String[] args) {
    System.exit(new CommandLine(new GenerateCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    GeneratorOptions options;
    try {
      options = new GeneratorOptions(seed, orders, badRate);
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
      System.out.printf("%-28s %,12d lines %,10d bad%s%n", file.fileName(), file.lines(),
          file.badLines().values().stream().mapToLong(Long::longValue).sum(), file.truncatedGzip() ? "  (gzip tail truncated)" : "");
    }
    System.out.printf("%,d lines in %.1f s (%,.0f lines/s) to %s%n", manifest.totalLines(), seconds,
        manifest.totalLines() / seconds, target);
    return 0;
  }

  private static GenerationManifest generate(GeneratorOptions options, GeneratedFileSink sink) throws java.io.IOException {
    return new FoodDeliveryGenerator(options).generate(sink);
  }
}
