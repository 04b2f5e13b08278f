package dev.lakehouse.ingest.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link GeneratedFileSink} writing each file into one directory (created when missing),
 * replacing old files.
 */
public final class DirectorySink implements GeneratedFileSink {
  private final Path directory;

  public DirectorySink(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** The directory the files are written to. */
  public Path directory() {
    return directory;
  }

  @Override
  public OutputStream open(String fileName) throws IOException {
    if (fileName.isEmpty()
        || fileName.contains("/")
        || fileName.contains("\\")
        || fileName.startsWith(".")) {
      throw new IllegalArgumentException("not a bare file name: '" + fileName + "'");
    }
    Files.createDirectories(directory);
    return Files.newOutputStream(directory.resolve(fileName));
  }
}
