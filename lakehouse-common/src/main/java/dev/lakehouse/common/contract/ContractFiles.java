package dev.lakehouse.common.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the contract files: the built-in ones under {@value #FOLDER}/ on the classpath (a folder or
 * a jar), and an operator's directory of {@code <domain>/<name>.yaml} files that add datasets or
 * replace built-in ones. Each file's name must be its dataset's ({@code order.yaml} declares {@code
 * name: order}), so a folder listing shows what it holds.
 */
public final class ContractFiles {
  /** The classpath folder of the built-in contracts. */
  public static final String FOLDER = "contracts";

  private static final String SUFFIX = ".yaml";

  private ContractFiles() {}

  /**
   * The built-in contracts, with those of {@code directory} (when given) added or in their place.
   */
  public static Contracts load(Optional<Path> directory) {
    List<Contracts.Declared> fromDirectory =
        directory.map(ContractFiles::readDirectory).orElse(List.of());
    return Contracts.of(builtIn(ContractFiles.class.getClassLoader()), fromDirectory);
  }

  /**
   * The contracts under {@value #FOLDER}/ on {@code classLoader}'s class path, folders and jars
   * alike.
   */
  public static List<Contracts.Declared> builtIn(ClassLoader classLoader) {
    List<Contracts.Declared> declared = new ArrayList<>();
    try {
      Enumeration<URL> roots = classLoader.getResources(FOLDER);
      for (URL root : Collections.list(roots)) {
        declared.addAll(readClasspathRoot(root));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the built-in contracts: " + e.getMessage(), e);
    }
    return declared;
  }

  /** Every {@code *.yaml} file under {@code directory}, in the order of their paths. */
  public static List<Contracts.Declared> readDirectory(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new ContractException(
          directory + ": the contracts directory does not exist or is not a directory");
    }
    return readTree(directory, directory.toString());
  }

  private static List<Contracts.Declared> readClasspathRoot(URL root) throws IOException {
    URI uri;
    try {
      uri = root.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("a classpath entry with an unreadable name: " + root, e);
    }
    if ("jar".equals(uri.getScheme())) {
      FileSystem jar;
      boolean opened = false;
      try {
        jar = FileSystems.newFileSystem(uri, Map.of());
        opened = true;
      } catch (FileSystemAlreadyExistsException e) {
        jar = FileSystems.getFileSystem(uri);
      }
      try {
        return readTree(jar.provider().getPath(uri), "classpath:" + FOLDER);
      } finally {
        if (opened) {
          jar.close();
        }
      }
    }
    return readTree(Path.of(uri), "classpath:" + FOLDER);
  }

  private static List<Contracts.Declared> readTree(Path folder, String shownAs) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().endsWith(SUFFIX))
              .sorted(Comparator.comparing(Path::toString))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + shownAs + ": " + e.getMessage(), e);
    }
    List<Contracts.Declared> declared = new ArrayList<>();
    for (Path file : files) {
      String name = shownAs + "/" + folder.relativize(file).toString().replace('\\', '/');
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ContractException(name + ": cannot be read: " + e.getMessage(), e);
      }
      DatasetContract contract = ContractFileReader.read(name, text);
      String stem = file.getFileName().toString();
      stem = stem.substring(0, stem.length() - SUFFIX.length());
      if (!stem.equals(contract.name())) {
        throw new ContractException(
            name
                + ": the file declares dataset '"
                + contract.name()
                + "'; name it "
                + contract.name()
                + SUFFIX);
      }
      declared.add(new Contracts.Declared(name, contract));
    }
    return declared;
  }
}
