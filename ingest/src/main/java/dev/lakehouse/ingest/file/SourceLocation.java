package dev.lakehouse.ingest.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A directory or an S3 prefix holding source files. */
public interface SourceLocation {
  /** The files whose names match a dataset, sorted by URI; other files are ignored. */
  List<SourceFile> list() throws IOException;

  /** Opens a file's bytes as stored (compressed or not). */
  InputStream open(SourceFile file) throws IOException;

  String describe();
}
