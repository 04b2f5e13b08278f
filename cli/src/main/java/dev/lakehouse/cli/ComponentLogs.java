package dev.lakehouse.cli;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Sends the log of every component running in this JVM (the broker, the Streams app, the ingestor,
 * the AWS and Iceberg clients) to one file instead of the console, for a command whose console is
 * for people.
 */
final class ComponentLogs {
  /** The system property the file configuration reads the log's path from. */
  static final String FILE_PROPERTY = "lakehouse.components-log";

  private static final String CONFIGURATION = "log4j2-components-to-file.xml";

  private ComponentLogs() {}

  /**
   * From now on every log line of this JVM goes to {@code file} (appended; its folder is created).
   */
  static void sendTo(Path file) {
    System.setProperty(FILE_PROPERTY, file.toAbsolutePath().toString());
    try {
      Configurator.reconfigure(
          Objects.requireNonNull(
                  ComponentLogs.class.getClassLoader().getResource(CONFIGURATION),
                  CONFIGURATION + " is not on the classpath")
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot read " + CONFIGURATION + ": " + e.getMessage(), e);
    }
  }

  /** Back to the default configuration: the console. */
  static void sendToConsole() {
    System.clearProperty(FILE_PROPERTY);
    Configurator.reconfigure();
  }
}
