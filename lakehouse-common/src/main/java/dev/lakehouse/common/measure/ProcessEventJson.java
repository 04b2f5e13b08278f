package dev.lakehouse.common.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A process event as the bytes of the process-events topic: one flat JSON object in snake case, one
 * key per column of the process log ({@code event_id}, {@code run_id}, {@code job}, {@code status},
 * {@code started_at}, the counters, the freshness and the attributes). Absent values are left out.
 * Reading refuses what writing would not produce.
 */
public final class ProcessEventJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS =
      Set.of(
          "event_id",
          "run_id",
          "parent_run_id",
          "job",
          "job_kind",
          "layer",
          "status",
          "started_at",
          "ended_at",
          "duration_seconds",
          "rows_in",
          "rows_out",
          "dead_letters",
          "files_written",
          "bytes_written",
          "freshness_p50_ms",
          "freshness_p99_ms",
          "freshness_max_ms");

  private ProcessEventJson() {}

  public static byte[] write(ProcessEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("event_id", event.eventId());
    node.put("run_id", event.runId());
    if (event.parentRunId() != null) {
      node.put("parent_run_id", event.parentRunId());
    }
    node.put("job", event.job().name());
    node.put("job_kind", event.job().kind().name());
    node.put("layer", event.job().layer());
    node.put("status", event.status().name());
    node.put("started_at", event.startedAt().toString());
    if (event.endedAt() != null) {
      node.put("ended_at", event.endedAt().toString());
      node.put("duration_seconds", event.durationSeconds().orElseThrow());
    }
    ProcessCounters counters = event.counters();
    node.put("rows_in", counters.rowsIn());
    node.put("rows_out", counters.rowsOut());
    node.put("dead_letters", counters.deadLetters());
    node.put("files_written", counters.filesWritten());
    node.put("bytes_written", counters.bytesWritten());
    if (event.freshness() != null) {
      node.put("freshness_p50_ms", event.freshness().p50Millis());
      node.put("freshness_p99_ms", event.freshness().p99Millis());
      node.put("freshness_max_ms", event.freshness().maxMillis());
    }
    event.attributes().forEach((attribute, value) -> node.put(attribute.key(), value));
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a process event: " + e.getMessage(), e);
    }
  }

  /** Reads an event back; a malformed one fails with the reason. */
  public static ProcessEvent read(byte[] bytes) {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("a process event is not JSON", e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a process event is a JSON object");
    }
    Map<ProcessAttribute, String> attributes = new EnumMap<>(ProcessAttribute.class);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (KEYS.contains(name)) {
        continue;
      }
      ProcessAttribute attribute = attributeOf(name);
      attributes.put(attribute, text(node, name));
    }
    Job job =
        new Job(text(node, "job"), JobKind.valueOf(text(node, "job_kind")), text(node, "layer"));
    Freshness freshness =
        node.has("freshness_p50_ms")
            ? new Freshness(
                number(node, "freshness_p50_ms"),
                number(node, "freshness_p99_ms"),
                number(node, "freshness_max_ms"))
            : null;
    ProcessEvent event =
        new ProcessEvent(
            text(node, "run_id"),
            node.has("parent_run_id") ? text(node, "parent_run_id") : null,
            job,
            ProcessStatus.valueOf(text(node, "status")),
            instant(node, "started_at"),
            node.has("ended_at") ? instant(node, "ended_at") : null,
            new ProcessCounters(
                number(node, "rows_in"),
                number(node, "rows_out"),
                number(node, "dead_letters"),
                number(node, "files_written"),
                number(node, "bytes_written")),
            freshness,
            attributes);
    if (node.has("event_id") && !text(node, "event_id").equals(event.eventId())) {
      throw new IllegalArgumentException(
          "event_id " + text(node, "event_id") + " is not " + event.eventId());
    }
    return event;
  }

  private static ProcessAttribute attributeOf(String key) {
    for (ProcessAttribute attribute : ProcessAttribute.values()) {
      if (attribute.key().equals(key)) {
        return attribute;
      }
    }
    throw new IllegalArgumentException("a process event has no key " + key);
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("a process event needs the text " + key);
    }
    return value.asText();
  }

  private static long number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new IllegalArgumentException("a process event needs the whole number " + key);
    }
    return value.asLong();
  }

  private static Instant instant(JsonNode node, String key) {
    try {
      return Instant.parse(text(node, key));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("a process event's " + key + " is not an instant", e);
    }
  }
}
