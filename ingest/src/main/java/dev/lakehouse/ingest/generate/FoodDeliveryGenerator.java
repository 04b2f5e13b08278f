package dev.lakehouse.ingest.generate;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generates the four food-delivery source files (docs/source-data.md) with every quirk of the real
 * ones: consumer.csv.gz, restaurant.csv.gz, order.json.gz and status.json.gz; with a bad-line rate
 * above 0, also bad lines in each and the truncated {@value GeneratorOptions#TRUNCATED_FILE_NAME};
 * last, {@value GenerationManifest#FILE_NAME}. Same options, byte-identical files. Files are
 * streamed: memory holds the restaurants only.
 */
public final class FoodDeliveryGenerator {
  private final GeneratorOptions options;

  public FoodDeliveryGenerator(GeneratorOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Writes every file through {@code sink}, the manifest last, and returns the manifest. */
  public GenerationManifest generate(GeneratedFileSink sink) throws IOException {
    GenerationContext context = new GenerationContext(options);
    List<FileManifest> files = new ArrayList<>();
    files.add(new ConsumerFile(context).write(sink.open(Dataset.CONSUMER.fileName())));
    files.add(new RestaurantFile(context).write(sink.open(Dataset.RESTAURANT.fileName())));
    files.add(new OrderFile(context).write(sink.open(Dataset.ORDER.fileName())));
    files.add(new StatusFile(context).write(sink.open(Dataset.ORDER_STATUS.fileName())));
    if (options.withBadData()) {
      TruncatedOrderFile truncated = new TruncatedOrderFile(context);
      long keptBytes = truncated.keptBytes();
      files.add(truncated.write(sink.open(GeneratorOptions.TRUNCATED_FILE_NAME), keptBytes));
    }
    GenerationManifest manifest = new GenerationManifest(options, files);
    try (OutputStream out = sink.open(GenerationManifest.FILE_NAME)) {
      out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return manifest;
  }
}
