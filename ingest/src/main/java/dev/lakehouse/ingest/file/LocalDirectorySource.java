package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Source files in a local directory (recursively). */
final class LocalDirectorySource implements SourceLocation {
  private final Path root;

  LocalDirectorySource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public List<SourceFile> list() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "not a directory");
    }
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        Optional<Dataset> dataset = Dataset.forFileName(path.getFileName().toString());
        if (dataset.isEmpty()) {
          continue;
        }
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        String fingerprint = attributes.size() + "-" + attributes.lastModifiedTime().toMillis();
        files.add(new SourceFile(path.toUri().toString(), attributes.size(), fingerprint, dataset.get()));
      }
    }
    files.sort(Comparator.comparing(SourceFile::uri));
    return files;
  }

  @Override
  public InputStream open(SourceFile file) throws IOException {
    return Files.newInputStream(Path.of(java.net.URI.create(file.uri())));
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
