package dev.lakehouse.common.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How the Streams app runs, from the {@code streams.*} keys of the settings file (each overridable
 * by its {@code LAKEHOUSE_STREAMS_*} variable). Every default works on the local stack.
 *
 * @param applicationId the Kafka Streams application id; instances with the same id share the work
 * @param commitInterval one Iceberg commit per table per interval; a record is visible within about
 *     two intervals of arriving. While the writer catches up with a backlog, a batch may span up to
 *     6 intervals
 * @param targetFileSizeBytes data files roll at this size
 * @param bufferBudgetBytes source bytes held in open data files before the writer commits early
 * @param httpPort the port of the metrics and health endpoints (0: any free port)
 * @param stateDir the Kafka Streams state directory
 * @param catchUpIntervals how many commit intervals a batch may grow to while the writer works
 *     through a backlog (fewer, larger files for records that are late anyway); 1 commits every
 *     interval regardless
 * @param streamThreads Kafka Streams threads per instance: the tasks (raw validation per source
 *     partition, the trusted stage per order partition) are spread over them
 * @param writerThreads threads that type rows into the Iceberg writer's open files, a table on one
 *     thread at a time (different tables side by side); the writer still makes one commit per table
 * @param httpHost the address the metrics and health endpoints bind to: loopback by default, {@code
 *     0.0.0.0} where a probe or a scraper comes from another host (a Kubernetes pod)
 * @param successorOf the application id this one replaces, or null: the lake's tables name the
 *     application that owns them, and an app with another id is refused unless it is that owner's
 *     declared successor
 */
public record StreamsSettings(
    String applicationId,
    Duration commitInterval,
    long targetFileSizeBytes,
    long bufferBudgetBytes,
    int httpPort,
    Path stateDir,
    int catchUpIntervals,
    int streamThreads,
    int writerThreads,
    String httpHost,
    String successorOf) {

  public static final String DEFAULT_APPLICATION_ID = "lakehouse-streams";
  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";

  public StreamsSettings {
    if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new SettingsException(
          "streams.application-id must use letters, digits, '.', '_' or '-', was '"
              + applicationId
              + "'");
    }
    if (commitInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new SettingsException(
          "streams.commit-interval must be at least 100ms, was " + commitInterval);
    }
    if (targetFileSizeBytes < 1024 * 1024) {
      throw new SettingsException(
          "streams.target-file-size must be at least 1MB, was " + targetFileSizeBytes + " bytes");
    }
    if (bufferBudgetBytes < 1024 * 1024) {
      throw new SettingsException(
          "streams.buffer-budget must be at least 1MB, was " + bufferBudgetBytes + " bytes");
    }
    if (httpPort < 0 || httpPort > 65535) {
      throw new SettingsException("streams.http-port must be between 0 and 65535, was " + httpPort);
    }
    if (catchUpIntervals < 1 || catchUpIntervals > 100) {
      throw new SettingsException(
          "streams.catch-up-intervals must be between 1 and 100, was " + catchUpIntervals);
    }
    if (streamThreads < 1 || streamThreads > 64) {
      throw new SettingsException("streams.threads must be between 1 and 64, was " + streamThreads);
    }
    if (writerThreads < 1 || writerThreads > 64) {
      throw new SettingsException(
          "streams.writer-threads must be between 1 and 64, was " + writerThreads);
    }
    if (httpHost == null || httpHost.isBlank()) {
      throw new SettingsException(
          "streams.http-host must be an address or a host name, was '" + httpHost + "'");
    }
    if (successorOf != null
        && (!successorOf.matches("[A-Za-z0-9._-]+") || successorOf.equals(applicationId))) {
      throw new SettingsException(
          "streams.successor-of must be another application id (letters, digits, '.', '_' or '-'), was '"
              + successorOf
              + "'");
    }
  }

  /**
   * The defaults: 5 s commits, 128 MB files, 256 MB buffer budget (fits a 1 GiB heap), port 8085,
   * batches up to 6 intervals while catching up, one stream thread, two writer threads, the HTTP
   * port on loopback only.
   */
  public static StreamsSettings defaults(Path stateDir) {
    return new StreamsSettings(
        DEFAULT_APPLICATION_ID,
        Duration.ofSeconds(5),
        128L << 20,
        256L << 20,
        8085,
        stateDir,
        6,
        1,
        2,
        DEFAULT_HTTP_HOST,
        null);
  }

  public static StreamsSettings load(Path file, Map<String, String> environment) {
    Path parent = file.toAbsolutePath().getParent();
    return from(
        new RawSettings(LakehouseSettings.readFile(file), environment, file.toString()),
        parent.resolve("streams-state"));
  }

  public static StreamsSettings fromProperties(
      Properties properties, Map<String, String> environment, Path defaultStateDir) {
    return from(new RawSettings(properties, environment, "properties"), defaultStateDir);
  }

  static StreamsSettings from(RawSettings raw, Path defaultStateDir) {
    StreamsSettings d = defaults(defaultStateDir);
    return new StreamsSettings(
        raw.orDefault("streams.application-id", d.applicationId()),
        raw.duration("streams.commit-interval", d.commitInterval()),
        raw.bytes("streams.target-file-size", d.targetFileSizeBytes()),
        raw.bytes("streams.buffer-budget", d.bufferBudgetBytes()),
        raw.integer("streams.http-port", d.httpPort()),
        Path.of(raw.orDefault("streams.state-dir", defaultStateDir.toString())),
        raw.integer("streams.catch-up-intervals", d.catchUpIntervals()),
        raw.integer("streams.threads", d.streamThreads()),
        raw.integer("streams.writer-threads", d.writerThreads()),
        raw.orDefault("streams.http-host", d.httpHost()),
        raw.optional("streams.successor-of").orElse(null));
  }

  public StreamsSettings withApplicationId(String id) {
    return new StreamsSettings(
        id,
        commitInterval,
        targetFileSizeBytes,
        bufferBudgetBytes,
        httpPort,
        stateDir,
        catchUpIntervals,
        streamThreads,
        writerThreads,
        httpHost,
        successorOf);
  }

  public StreamsSettings withCommitInterval(Duration interval) {
    return new StreamsSettings(
        applicationId,
        interval,
        targetFileSizeBytes,
        bufferBudgetBytes,
        httpPort,
        stateDir,
        catchUpIntervals,
        streamThreads,
        writerThreads,
        httpHost,
        successorOf);
  }

  public StreamsSettings withHttpPort(int port) {
    return new StreamsSettings(
        applicationId,
        commitInterval,
        targetFileSizeBytes,
        bufferBudgetBytes,
        port,
        stateDir,
        catchUpIntervals,
        streamThreads,
        writerThreads,
        httpHost,
        successorOf);
  }

  public StreamsSettings withHttpHost(String host) {
    return new StreamsSettings(
        applicationId,
        commitInterval,
        targetFileSizeBytes,
        bufferBudgetBytes,
        httpPort,
        stateDir,
        catchUpIntervals,
        streamThreads,
        writerThreads,
        host,
        successorOf);
  }

  public StreamsSettings withStateDir(Path dir) {
    return new StreamsSettings(
        applicationId,
        commitInterval,
        targetFileSizeBytes,
        bufferBudgetBytes,
        httpPort,
        dir,
        catchUpIntervals,
        streamThreads,
        writerThreads,
        httpHost,
        successorOf);
  }

  public StreamsSettings withBufferBudgetBytes(long bytes) {
    return new StreamsSettings(
        applicationId,
        commitInterval,
        targetFileSizeBytes,
        bytes,
        httpPort,
        stateDir,
        catchUpIntervals,
        streamThreads,
        writerThreads,
        httpHost,
        successorOf);
  }

  public StreamsSettings withSuccessorOf(String previousApplicationId) {
    return new StreamsSettings(
        applicationId,
        commitInterval,
        targetFileSizeBytes,
        bufferBudgetBytes,
        httpPort,
        stateDir,
        catchUpIntervals,
        streamThreads,
        writerThreads,
        httpHost,
        previousApplicationId);
  }

  /** The application id this one replaces, if it is configured as a successor. */
  public java.util.Optional<String> successor() {
    return java.util.Optional.ofNullable(successorOf);
  }
}
