package dev.lakehouse.ingest.file;

import dev.lakehouse.common.settings.S3Settings;
import dev.lakehouse.iceberg.S3Clients;
import java.net.URI;
import java.nio.file.Path;

/** Opens a location given on the command line: a directory, or {@code s3://bucket/prefix}. */
public final class SourceLocations {
  private SourceLocations() {}

  public static SourceLocation open(String location, S3Settings s3) {
    return open(location, s3, IngestOptions.DEFAULT_SETTLE);
  }

  /** S3 objects appear whole, so {@code settle} applies to directories only. */
  public static SourceLocation open(String location, S3Settings s3, java.time.Duration settle) {
    if (location.startsWith("s3://")) {
      return new S3PrefixSource(S3Clients.forSettings(s3), URI.create(location));
    }
    return new LocalDirectorySource(Path.of(location), settle, java.time.Clock.systemUTC());
  }
}
