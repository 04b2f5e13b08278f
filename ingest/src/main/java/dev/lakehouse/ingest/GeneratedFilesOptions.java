package dev.lakehouse.ingest;

import dev.lakehouse.ingest.generate.GeneratorOptions;
import picocli.CommandLine.Option;

/**
 * The --orders, --seed and --bad-rate options of commands that generate the source files; each
 * command gives its own defaults. {@link GeneratorOptions} checks the values.
 */
public final class GeneratedFilesOptions {
  @Option(
      names = "--orders",
      paramLabel = "N",
      description =
          "Orders in the generated files; consumers, restaurants and statuses follow in proportion "
              + "(default: ${DEFAULT-VALUE}).")
  long orders;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--bad-rate",
      paramLabel = "FRACTION",
      description =
          "Share of bad lines in the generated files, 0 to 0.5 (default: ${DEFAULT-VALUE}).")
  double badRate;

  /** The options with these defaults, which the help shows. */
  public GeneratedFilesOptions(long orders, long seed, double badRate) {
    this.orders = orders;
    this.seed = seed;
    this.badRate = badRate;
  }

  /** What to generate; throws {@link IllegalArgumentException} naming a value out of range. */
  public GeneratorOptions options() {
    return new GeneratorOptions(seed, orders, badRate);
  }

  public long orders() {
    return orders;
  }

  public long seed() {
    return seed;
  }
}
