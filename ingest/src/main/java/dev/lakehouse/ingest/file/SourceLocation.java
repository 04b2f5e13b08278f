package dev.lakehouse.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A directory or an S3 prefix holding source files. */
public interface SourceLocation {
  /**
   * The source files ready to be read, sorted by URI: their names match a dataset and an extension
   * of its format ({@link SourceFileNames}), and they are complete; other files are ignored.
   */
  List<SourceFile> list() throws IOException;

  /**
   * After {@link #list()}: how long until the soonest file it held back (still being written) may
   * be ready, or empty when it held none back.
   */
  default Optional<Duration> heldBack() {
    return Optional.empty();
  }

  /** Opens a file's bytes as stored (compressed or not). */
  InputStream open(SourceFile file) throws IOException;

  String describe();
}
