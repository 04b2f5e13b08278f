package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.Contracts;
import dev.lakehouse.common.settings.S3Settings;
import dev.lakehouse.iceberg.S3Clients;
import java.net.URI;
import java.nio.file.Path;

/** Opens a location given on the command line: a directory, or {@code s3://bucket/prefix}. */
public final class SourceLocations {
  private SourceLocations() {}

  /**
   * The source files of the datasets {@code contracts} declare under {@code location}. S3 objects
   * appear whole, so {@code settle} applies to directories only.
   */
  public static SourceLocation open(
      String location, S3Settings s3, java.time.Duration settle, Contracts contracts) {
    SourceFileNames names = new SourceFileNames(contracts);
    if (location.startsWith("s3://")) {
      return new S3PrefixSource(S3Clients.forSettings(s3), URI.create(location), names);
    }
    return new LocalDirectorySource(Path.of(location), settle, java.time.Clock.systemUTC(), names);
  }
}
