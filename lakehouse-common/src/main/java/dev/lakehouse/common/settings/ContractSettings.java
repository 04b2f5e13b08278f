package dev.lakehouse.common.settings;

import dev.lakehouse.common.contract.ContractException;
import dev.lakehouse.common.contract.ContractFiles;
import dev.lakehouse.common.contract.Contracts;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which datasets the lake takes: the built-in contracts, with those of the directory {@value
 * #DIRECTORY} names added or in their place (docs/contracts.md). Read and checked when the settings
 * are loaded, so that every process that reads one settings file agrees on the datasets, and a
 * broken contract stops a process at start-up with the file and field named.
 */
public final class ContractSettings {
  public static final String DIRECTORY = "contracts.directory";

  private final Optional<Path> directory;
  private final Contracts contracts;

  private ContractSettings(Optional<Path> directory) {
    this.directory = directory;
    try {
      this.contracts = ContractFiles.load(directory);
    } catch (ContractException e) {
      throw new SettingsException(
          (directory.isPresent() ? DIRECTORY + "=" + directory.get() + ": " : "") + e.getMessage(),
          e);
    }
  }

  /** The built-in contracts alone. */
  public static ContractSettings builtIn() {
    return BuiltIn.INSTANCE;
  }

  /** The built-in contracts with those of {@code directory}. */
  public static ContractSettings withDirectory(Path directory) {
    return new ContractSettings(Optional.of(directory.toAbsolutePath().normalize()));
  }

  static ContractSettings from(RawSettings raw) {
    return raw.optional(DIRECTORY)
        .map(Path::of)
        .map(ContractSettings::withDirectory)
        .orElseGet(ContractSettings::builtIn);
  }

  public Optional<Path> directory() {
    return directory;
  }

  public Contracts contracts() {
    return contracts;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContractSettings that && directory.equals(that.directory);
  }

  @Override
  public int hashCode() {
    return directory.hashCode();
  }

  @Override
  public String toString() {
    return directory.map(d -> "contracts built in and from " + d).orElse("contracts built in");
  }

  /** Read once: every settings object without a directory shares them. */
  private static final class BuiltIn {
    static final ContractSettings INSTANCE = new ContractSettings(Optional.empty());
  }
}
