package dev.lakehouse.process;

import java.nio.file.Path;
import java.util.List;

/**
 * The batch module's Spark programs, each started in a JVM of its own (never beside the broker:
 * Spark's Scala 2.12 against Kafka's 2.13) on the batch module's classpath with {@link
 * SparkJvm#OPTIONS}.
 */
public final class SparkJobs {
  /** The nightly job. */
  public static final String NIGHTLY = "dev.lakehouse.nightly.NightlyJob";

  /** Spark SQL queries with their results written as files. */
  public static final String SQL_QUERIES = "dev.lakehouse.nightly.SqlQueries";

  private SparkJobs() {}

  /** The child JVM that runs {@code mainClass} with {@code args}, its output in {@code log}. */
  public static ChildJvm.Spec spec(String name, String mainClass, List<String> args, Path log) {
    return new ChildJvm.Spec(
        name,
        LakehouseHome.fromEnvironment().moduleClasspath("batch-compaction"),
        SparkJvm.OPTIONS,
        mainClass,
        args,
        log);
  }
}
