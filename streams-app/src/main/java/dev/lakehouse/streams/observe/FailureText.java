package dev.lakehouse.streams.observe;

import java.util.List;

/**
 * What a failure may say where people and probes read it (the {@code /health/live} body, the exit
 * line on stderr, the logs): each exception of the chain by its class, with its message only when
 * that class is one whose messages name infrastructure (hosts, files, tables, partitions) and never
 * a record's values: ours, and those of the JDK's I/O, the network, SQL, the AWS SDK and Kafka's
 * errors. Any other message (a parser's or a writer's, which may quote a value) is left out. No
 * I/O.
 */
public final class FailureText {
  private static final List<String> MESSAGES_KEPT_FOR =
      List.of(
          "dev.lakehouse.",
          "java.io.",
          "java.nio.",
          "java.net.",
          "java.sql.",
          "org.sqlite.",
          "software.amazon.awssdk.",
          "org.apache.kafka.common.errors.",
          "org.apache.kafka.streams.errors.");
  private static final int MAX_CAUSES = 6;

  private FailureText() {}

  /** One line: {@code Class: message ← caused by Class ← ...}. */
  public static String of(Throwable failure) {
    StringBuilder out = new StringBuilder();
    Throwable current = failure;
    for (int depth = 0; current != null && depth < MAX_CAUSES; depth++) {
      if (depth > 0) {
        out.append(" <- caused by ");
      }
      out.append(describe(current));
      current = current.getCause() == current ? null : current.getCause();
    }
    return out.toString().replaceAll("\\s+", " ");
  }

  /**
   * A copy of {@code failure} for a log: its stack trace and causes, each message kept or left out
   * as {@link #of} does.
   */
  public static Throwable forLog(Throwable failure) {
    Throwable cause =
        failure.getCause() == null || failure.getCause() == failure
            ? null
            : forLog(failure.getCause());
    Throwable copy = new Throwable(describe(failure), cause);
    copy.setStackTrace(failure.getStackTrace());
    return copy;
  }

  private static String describe(Throwable failure) {
    String name = failure.getClass().getName();
    boolean kept =
        failure.getMessage() != null && MESSAGES_KEPT_FOR.stream().anyMatch(name::startsWith);
    return kept ? name + ": " + failure.getMessage() : name;
  }
}
