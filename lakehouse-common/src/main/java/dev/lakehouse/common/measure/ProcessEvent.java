package dev.lakehouse.common.measure;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of the process log: a run of a job started, or ended with a status, its counters and,
 * for a Streams commit, the freshness of its records. A run emits at most one event per status;
 * {@link #eventId()} is unique, so that a re-delivered event is recognised. {@code parentRunId}
 * ties a file's run to its ingest run, a step's to its nightly run.
 */
public record ProcessEvent(
    String runId,
    String parentRunId,
    Job job,
    ProcessStatus status,
    Instant startedAt,
    Instant endedAt,
    ProcessCounters counters,
    Freshness freshness,
    Map<ProcessAttribute, String> attributes) {
  public ProcessEvent {
    requireId(runId, "runId");
    if (parentRunId != null) {
      requireId(parentRunId, "parentRunId");
    }
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(counters, "counters");
    if (status.ended()) {
      Objects.requireNonNull(endedAt, "endedAt of an ended run");
      if (endedAt.isBefore(startedAt)) {
        throw new IllegalArgumentException(
            "run " + runId + " ends at " + endedAt + ", before it started at " + startedAt);
      }
    } else if (endedAt != null) {
      throw new IllegalArgumentException("run " + runId + " has started: it has no end yet");
    }
    EnumMap<ProcessAttribute, String> copy = new EnumMap<>(ProcessAttribute.class);
    if (attributes != null) {
      attributes.forEach(
          (key, value) -> copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value)));
    }
    attributes = Collections.unmodifiableMap(copy);
  }

  /** A run's start: no end, counters zero. */
  public static ProcessEvent started(String runId, String parentRunId, Job job, Instant at) {
    return started(runId, parentRunId, job, at, Map.of());
  }

  /** A run's start with its details. */
  public static ProcessEvent started(
      String runId,
      String parentRunId,
      Job job,
      Instant at,
      Map<ProcessAttribute, String> attributes) {
    return new ProcessEvent(
        runId,
        parentRunId,
        job,
        ProcessStatus.STARTED,
        at,
        null,
        ProcessCounters.NONE,
        null,
        attributes);
  }

  /**
   * This run's end at {@code at}, with its status and counters, and its start's details plus more.
   */
  public ProcessEvent end(
      ProcessStatus ended, Instant at, ProcessCounters done, Map<ProcessAttribute, String> more) {
    if (!ended.ended()) {
      throw new IllegalArgumentException(ended + " is not an end");
    }
    Map<ProcessAttribute, String> all = new EnumMap<>(ProcessAttribute.class);
    all.putAll(attributes);
    all.putAll(more);
    return new ProcessEvent(runId, parentRunId, job, ended, startedAt, at, done, null, all);
  }

  /** {@code <run id>/<status>}: unique per event. */
  public String eventId() {
    return runId + "/" + status.name();
  }

  /** The run's length in seconds (with milliseconds), once it has ended. */
  public Optional<Double> durationSeconds() {
    return endedAt == null
        ? Optional.empty()
        : Optional.of((endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
  }

  private static void requireId(String id, String what) {
    if (id == null || id.isBlank() || id.length() > 200) {
      throw new IllegalArgumentException(what + " must be 1 to 200 characters: " + id);
    }
  }
}
