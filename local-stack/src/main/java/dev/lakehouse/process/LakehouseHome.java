package dev.lakehouse.process;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checkout the CLI and the tests run from: it holds the built modules whose JVMs we launch
 * (their runtime classpaths are written by the build to {@code
 * <module>/target/runtime-classpath.txt}) and the s3proxy jar. Given by the system property {@code
 * lakehouse.home} or the variable {@code LAKEHOUSE_HOME}.
 */
public record LakehouseHome(Path root) {

  public static LakehouseHome fromEnvironment() {
    String value = System.getProperty("lakehouse.home", System.getenv("LAKEHOUSE_HOME"));
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "lakehouse.home is not set: run through ./lakehouse, or pass -Dlakehouse.home=<checkout>");
    }
    return new LakehouseHome(Path.of(value).toAbsolutePath().normalize());
  }

  /** The default data directory of the local stack (git-ignored). */
  public Path defaultDataDir() {
    return root.resolve(".lakehouse");
  }

  public Path s3ProxyJar() {
    return requireBuilt(root.resolve("local-stack/target/s3proxy/s3proxy.jar"), "local-stack");
  }

  /** The jars of the Trino server that the build unpacked (see local-stack's POM). */
  public Path trinoLib() {
    try (Stream<Path> dirs =
        Files.list(requireBuilt(root.resolve("local-stack/target/trino"), "local-stack"))) {
      return dirs.map(dir -> dir.resolve("lib"))
          .filter(Files::isDirectory)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no Trino server under local-stack/target/trino: rebuild local-stack"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list local-stack/target/trino: " + e.getMessage(), e);
    }
  }

  /** Trino's plugin folder: the Iceberg connector alone. */
  public Path trinoPlugins() {
    return requireBuilt(root.resolve("local-stack/target/trino-plugins"), "local-stack");
  }

  /**
   * The module's own classes followed by its runtime dependencies, as the build wrote them, and
   * then what a module's container provides when the module declares it ({@code
   * provided-classpath.txt}: Spark, for the job that spark-submit runs on a cluster).
   */
  public List<Path> moduleClasspath(String module) {
    Path target = root.resolve(module).resolve("target");
    Path listFile = requireBuilt(target.resolve("runtime-classpath.txt"), module);
    List<Path> classpath = new ArrayList<>();
    try (Stream<Path> jars = Files.list(target)) {
      jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
          .forEach(classpath::add);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + target + ": " + e.getMessage(), e);
    }
    if (classpath.isEmpty()) {
      classpath.add(requireBuilt(target.resolve("classes"), module));
    }
    classpath.addAll(classpathFile(listFile));
    Path provided = target.resolve(PROVIDED_CLASSPATH);
    if (Files.exists(provided)) {
      classpath.addAll(classpathFile(provided));
    }
    return classpath;
  }

  /** The file that lists what a module's container provides, beside runtime-classpath.txt. */
  public static final String PROVIDED_CLASSPATH = "provided-classpath.txt";

  /** The entries of a classpath file the build wrote. */
  public static List<Path> classpathFile(Path listFile) {
    try {
      String content = Files.readString(listFile, StandardCharsets.UTF_8).trim();
      return Arrays.stream(content.split(java.io.File.pathSeparator))
          .filter(s -> !s.isBlank())
          .map(Path::of)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + listFile + ": " + e.getMessage(), e);
    }
  }

  private static Path requireBuilt(Path path, String module) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          path
              + " is missing: build the project first (./lakehouse builds it; or mvn -DskipTests package -pl "
              + module
              + " -am)");
    }
    return path;
  }

  /** The jar or class directory a class was loaded from. */
  public static Path codeLocationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the code of " + type.getName(), e);
    }
  }
}
