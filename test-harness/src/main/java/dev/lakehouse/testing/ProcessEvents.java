package dev.lakehouse.testing;

import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.common.measure.ProcessEventJson;
import java.util.List;

/** The committed process events of {@link Topics#PROCESS_EVENTS}, read as the log's readers do. */
public final class ProcessEvents {
  private ProcessEvents() {}

  /** Every committed event, in the order of each partition. */
  public static List<ProcessEvent> read(String bootstrapServers) {
    return TopicReader.readCommitted(bootstrapServers, List.of(Topics.PROCESS_EVENTS)).stream()
        .map(record -> ProcessEventJson.read(record.value()))
        .toList();
  }
}
