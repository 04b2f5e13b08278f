package dev.lakehouse.streams.iceberg;

import dev.lakehouse.common.lake.LakeMarks;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kafka topic ids (the UUID a topic gets when it is created) of the input topics whose offsets
 * a table's snapshot records, under {@value #SUMMARY_KEY} beside {@value
 * CommittedOffsets#SUMMARY_KEY}: offsets are only meaningful in the topic they were read from. A
 * topic deleted and created again under the same name has a new id, so a writer that finds another
 * id than the table recorded knows the offsets are not of this topic, whatever its end. Encoded
 * {@code topic=id,...}, sorted (topic names hold neither {@code ,} nor {@code =}); no I/O.
 */
public final class TopicIds {
  public static final String SUMMARY_KEY = LakeMarks.KAFKA_TOPIC_IDS;

  private final Map<String, String> byTopic;

  private TopicIds(Map<String, String> byTopic) {
    this.byTopic = Collections.unmodifiableMap(new TreeMap<>(byTopic));
  }

  public static TopicIds none() {
    return new TopicIds(Map.of());
  }

  public static TopicIds of(Map<String, String> byTopic) {
    byTopic.forEach(
        (topic, id) -> {
          if (topic.isEmpty()
              || topic.contains(",")
              || topic.contains("=")
              || id.isEmpty()
              || id.contains(",")
              || id.contains("=")) {
            throw new IllegalArgumentException(
                "not a topic and its id: '" + topic + "' '" + id + "'");
          }
        });
    return new TopicIds(byTopic);
  }

  /** The ids a snapshot's summary records; none when it records none. */
  public static TopicIds fromSummary(Map<String, String> summary) {
    String encoded = summary == null ? null : summary.get(SUMMARY_KEY);
    Map<String, String> ids = new TreeMap<>();
    if (encoded != null && !encoded.isBlank()) {
      for (String entry : encoded.split(",")) {
        int eq = entry.indexOf('=');
        if (eq <= 0 || eq == entry.length() - 1) {
          throw new IllegalStateException("corrupt " + SUMMARY_KEY + " entry '" + entry + "'");
        }
        ids.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return new TopicIds(ids);
  }

  public Optional<String> of(String topic) {
    return Optional.ofNullable(byTopic.get(topic));
  }

  public boolean isEmpty() {
    return byTopic.isEmpty();
  }

  /**
   * These ids with those {@code current} has for {@code topics} put over them (the other topics
   * keep theirs).
   */
  public TopicIds updatedWith(TopicIds current, Collection<String> topics) {
    Map<String, String> merged = new TreeMap<>(byTopic);
    for (String topic : topics) {
      current.of(topic).ifPresent(id -> merged.put(topic, id));
    }
    return new TopicIds(merged);
  }

  public String encode() {
    StringBuilder out = new StringBuilder();
    byTopic.forEach(
        (topic, id) -> {
          if (out.length() > 0) {
            out.append(',');
          }
          out.append(topic).append('=').append(id);
        });
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TopicIds o && o.byTopic.equals(byTopic);
  }

  @Override
  public int hashCode() {
    return byTopic.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }
}
