package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.DatasetContract;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a local source directory for its source files. Hidden folders (a copy tool's staging
 * folder) are not entered, and an entry that vanishes or cannot be read while the walk is under way
 * is passed over: gone, silently; unreadable, logged with its path. Only the root itself failing
 * ends the walk.
 */
class SourceTreeWalk extends SimpleFileVisitor<Path> {
  private static final Logger LOG = LoggerFactory.getLogger(SourceTreeWalk.class);

  /**
   * A source file the walk found: its path, dataset and attributes (of the file a link points to).
   */
  record Found(Path path, DatasetContract dataset, BasicFileAttributes attributes) {}

  private final Path root;
  private final SourceFileNames names;
  private final List<Found> found = new ArrayList<>();

  SourceTreeWalk(Path root, SourceFileNames names) {
    this.root = root;
    this.names = names;
  }

  /** The source files of the directory, in no particular order. */
  static List<Found> of(Path root, SourceFileNames names) throws IOException {
    SourceTreeWalk walk = new SourceTreeWalk(root, names);
    Files.walkFileTree(root, walk);
    return walk.found();
  }

  List<Found> found() {
    return found;
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
        ? FileVisitResult.SKIP_SUBTREE
        : FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
    var dataset = names.dataset(root.relativize(path).toString().replace('\\', '/'));
    if (dataset.isEmpty()) {
      return FileVisitResult.CONTINUE;
    }
    BasicFileAttributes target = attributes;
    if (attributes.isSymbolicLink()) {
      try {
        target = Files.readAttributes(path, BasicFileAttributes.class);
      } catch (IOException e) {
        return visitFileFailed(path, e);
      }
    }
    if (target.isRegularFile()) {
      found.add(new Found(path, dataset.get(), target));
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFileFailed(Path path, IOException failure) throws IOException {
    if (path.equals(root)) {
      throw failure;
    }
    if (!(failure instanceof NoSuchFileException)) {
      // the path only: an exception's message can be long or name other paths
      LOG.warn("cannot list {} ({}), passed over", path, failure.getClass().getSimpleName());
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
    if (failure != null) {
      return visitFileFailed(dir, failure);
    }
    return FileVisitResult.CONTINUE;
  }
}
