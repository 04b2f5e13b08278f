package dev.lakehouse.streams.writer;

import java.lang.reflect.Field;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops every new Hadoop {@link Configuration} from parsing Hadoop's default XML files.
 *
 * <p>Iceberg's Parquet writer makes a {@code new Configuration()} for every data file, and Hadoop
 * parses {@code core-default.xml} into it (and, once Parquet has loaded {@code JobConf}, {@code
 * mapred-default.xml} and {@code yarn-default.xml} too): about 7 ms of CPU per file, for defaults
 * the writer never reads (Parquet and Iceberg carry their own defaults; the data goes through
 * S3FileIO, not a Hadoop file system). The catalog already gets a {@code Configuration(false)}.
 * This empties Hadoop's static list of default resources once per JVM, after loading the classes
 * that add to it. Only the Streams app's JVM calls it.
 */
public final class HadoopDefaultResources {
  private static final Logger LOG = LoggerFactory.getLogger(HadoopDefaultResources.class);

  /** Classes whose static initialisers register more default resources. */
  private static final List<String> REGISTRARS =
      List.of("org.apache.hadoop.mapred.JobConf", "org.apache.hadoop.yarn.conf.YarnConfiguration");

  private HadoopDefaultResources() {}

  /**
   * Empties the list; returns the resources it held. Logs and carries on (slower) when Hadoop does
   * not allow it.
   */
  public static synchronized List<String> skip() {
    for (String registrar : REGISTRARS) {
      try {
        Class.forName(registrar, true, HadoopDefaultResources.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError absent) {
        // not on the class path: it cannot add anything either
      }
    }
    try {
      Field field = Configuration.class.getDeclaredField("defaultResources");
      field.setAccessible(true);
      List<?> resources = (List<?>) field.get(null);
      List<String> skipped = resources.stream().map(String::valueOf).toList();
      resources.clear();
      if (!skipped.isEmpty()) {
        LOG.info("new Hadoop configurations skip the default resources {}", skipped);
      }
      return skipped;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "cannot skip Hadoop's default resources; every data file will parse them ({})",
          e.toString());
      return List.of();
    }
  }
}
