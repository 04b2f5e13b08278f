package dev.lakehouse.ingest.generate.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.contract.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Keeps every record with the clock's time when it was emitted. */
final class RecordingSink implements LiveSink {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One emitted record; {@code position} is its place in the whole sequence. */
  record Emitted(int position, long emittedAtMillis, Dataset dataset, String key, byte[] value) {
    JsonNode json() {
      try {
        return JSON.readTree(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String text() {
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  final List<Emitted> records = new ArrayList<>();
  private final Clock clock;

  RecordingSink(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void emit(Dataset dataset, String key, byte[] value) {
    records.add(new Emitted(records.size(), clock.millis(), dataset, key, value));
  }

  List<Emitted> of(Dataset dataset) {
    return records.stream().filter(r -> r.dataset() == dataset).toList();
  }

  Map<Dataset, Long> counts() {
    Map<Dataset, Long> counts = new EnumMap<>(Dataset.class);
    for (Dataset dataset : Dataset.values()) {
      counts.put(dataset, (long) of(dataset).size());
    }
    return counts;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
