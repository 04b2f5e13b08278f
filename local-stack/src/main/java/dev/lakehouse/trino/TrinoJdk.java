package dev.lakehouse.trino;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDK that Trino runs on: Trino {@value #TRINO_VERSION_NOTE} needs Java {@value
 * #MINIMUM_FEATURE} or newer, while the project runs on 17. Looked up in this order: the system
 * property {@value #PROPERTY}, the environment variable {@value #ENVIRONMENT}, this JVM when it is
 * new enough, then the newest JDK under {@code /usr/lib/jvm}.
 */
public final class TrinoJdk {
  public static final int MINIMUM_FEATURE = 24;
  public static final String PROPERTY = "lakehouse.trino.java-home";
  public static final String ENVIRONMENT = "TRINO_JAVA_HOME";
  static final String TRINO_VERSION_NOTE = "476";
  private static final Path JVM_ROOT = Path.of("/usr/lib/jvm");
  private static final Pattern JAVA_VERSION =
      Pattern.compile("^JAVA_VERSION=\"?(\\d+)", Pattern.MULTILINE);

  private TrinoJdk() {}

  public static Path find() {
    String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
    if (configured != null && !configured.isBlank()) {
      Path home = Path.of(configured);
      OptionalInt feature = feature(home);
      if (feature.isEmpty() || feature.getAsInt() < MINIMUM_FEATURE) {
        throw new IllegalStateException(
            "the JDK for Trino ("
                + PROPERTY
                + " / "
                + ENVIRONMENT
                + " = "
                + home
                + ") must be Java "
                + MINIMUM_FEATURE
                + " or newer; found "
                + (feature.isEmpty() ? "no JDK there" : "Java " + feature.getAsInt()));
      }
      return home;
    }
    if (Runtime.version().feature() >= MINIMUM_FEATURE) {
      return Path.of(System.getProperty("java.home"));
    }
    return newestUnder(JVM_ROOT)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Trino needs Java "
                        + MINIMUM_FEATURE
                        + " or newer and none was found under "
                        + JVM_ROOT
                        + ": install one (e.g. Temurin 25) and set "
                        + ENVIRONMENT
                        + " to its home"));
  }

  /** The newest JDK of at least {@link #MINIMUM_FEATURE} in {@code root}. */
  static Optional<Path> newestUnder(Path root) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(root)) {
      List<Path> candidates =
          homes
              .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
              .filter(home -> feature(home).orElse(0) >= MINIMUM_FEATURE)
              .sorted(Comparator.comparingInt((Path home) -> feature(home).orElse(0)).reversed())
              .toList();
      return candidates.stream().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The feature release of the JDK at {@code home}, from its {@code release} file. */
  static OptionalInt feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return OptionalInt.empty();
    }
    try {
      Matcher matcher = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
      return matcher.find()
          ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
          : OptionalInt.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
