package dev.lakehouse.streams.app;

import dev.lakehouse.streams.observe.FailureText;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * When the Streams app is dead, and how its process ends: the decisions of {@link AppProcess},
 * without I/O.
 *
 * <p>A failed app must not stay up looking alive: an orchestrator restarts a process that exits,
 * not one that logs. So a failure of either half (the topology or the Iceberg writer) ends the
 * process with {@link #FAILED} after a close bounded by {@link #FAILED_CLOSE}, and if the close or
 * the JVM's shutdown hangs, {@link #FAILED_HALT} after the failure the JVM is halted. Nothing is
 * lost by cutting the close short: the next owner of the partitions reads every uncommitted record
 * again from the tables' offsets.
 */
public final class ExitPolicy {
  /** The topology or the writer failed. */
  public static final int FAILED = 1;

  /** A setting is missing or invalid; nothing was started. */
  public static final int BAD_SETTINGS = 2;

  /** Stopped by SIGTERM: 128 + 15, the code the JVM itself gives a process ended by that signal. */
  public static final int TERMINATED = 128 + 15;

  /** How long each half of a failed app gets to close. */
  public static final Duration FAILED_CLOSE = Duration.ofSeconds(1);

  /** From a failure to {@link Runtime#halt}, should the process still be up. */
  public static final Duration FAILED_HALT = Duration.ofSeconds(4);

  /**
   * How long each half gets to close after SIGTERM (within Kubernetes' default grace period of 30
   * s).
   */
  public static final Duration TERMINATE_CLOSE = Duration.ofSeconds(10);

  /** How often the process looks for a failure the app has not reported by itself. */
  public static final Duration POLL = Duration.ofMillis(100);

  private ExitPolicy() {}

  /**
   * Whether the topology is dead in this state. CREATED, REBALANCING and RUNNING are alive; ERROR
   * and PENDING_ERROR (a stream thread failed, or another instance asked the application to shut
   * down) are dead, and so are PENDING_SHUTDOWN and NOT_RUNNING, which only a close leads to: seen
   * while the app was not asked to stop, they mean it stopped by itself.
   */
  public static boolean topologyDead(KafkaStreams.State state) {
    return switch (state) {
      case CREATED, REBALANCING, RUNNING -> false;
      case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> true;
    };
  }

  /**
   * Why the app cannot go on, or null while it can: the writer's error first (it says the most),
   * then a writer loop that ended without one, then the topology's error or its dead state.
   */
  public static String failure(
      KafkaStreams.State state,
      Throwable topologyError,
      Throwable writerError,
      boolean writerAlive) {
    if (writerError != null) {
      return "the Iceberg writer failed: " + FailureText.of(writerError);
    }
    if (!writerAlive) {
      return "the Iceberg writer stopped";
    }
    if (topologyError != null) {
      return "the Kafka Streams topology failed: " + FailureText.of(topologyError);
    }
    if (topologyDead(state)) {
      return "the Kafka Streams topology is " + state;
    }
    return null;
  }

  /** The exit code: a failure wins over a signal that came while the app was failing. */
  public static int exitCode(String failure, boolean terminated) {
    if (failure != null) {
      return FAILED;
    }
    return terminated ? TERMINATED : 0;
  }
}
