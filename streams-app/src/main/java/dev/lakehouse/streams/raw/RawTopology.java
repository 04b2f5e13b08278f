package dev.lakehouse.streams.raw;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

/**
 * The raw stage: for each dataset, source topic → validate → rows topic or dead letters. Stateless;
 * every node has a stable, explicit name. Run with exactly_once_v2, each source record yields
 * exactly one row or one dead letter, as read_committed consumers see them.
 */
public final class RawTopology {
  private RawTopology() {}

  public static Topology build(List<DatasetContract> datasets) {
    Topology topology = new Topology();
    for (DatasetContract dataset : datasets) {
      String name = dataset.name();
      String source = "source-" + name;
      String validate = "validate-" + name;
      topology.addSource(
          source,
          Serdes.ByteArray().deserializer(),
          Serdes.ByteArray().deserializer(),
          dataset.topic());
      topology.addProcessor(validate, () -> new ValidateProcessor(dataset), source);
      topology.addSink(
          ValidateProcessor.ROWS + "-" + name,
          Topics.rawRows(dataset),
          Serdes.ByteArray().serializer(),
          Serdes.ByteArray().serializer(),
          validate);
      topology.addSink(
          ValidateProcessor.DEAD_LETTERS + "-" + name,
          Topics.DLQ_RAW,
          Serdes.ByteArray().serializer(),
          Serdes.ByteArray().serializer(),
          validate);
    }
    return topology;
  }
}
