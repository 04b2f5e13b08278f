package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.PipelineHeaders;
import dev.lakehouse.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Everything a read_committed consumer sees in some topics, read to their end. */
final class TopicContents {
  /** One record with the headers tests look at. */
  record Seen(String topic, byte[] key, byte[] value, String uri, long line, String reason) {}

  private TopicContents() {}

  static List<Seen> read(String bootstrapServers, Collection<String> topics) {
    List<Seen> seen = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readCommitted(bootstrapServers, topics)) {
      seen.add(
          new Seen(
              r.topic(),
              r.key(),
              r.value(),
              header(r, PipelineHeaders.SOURCE_URI),
              Long.parseLong(header(r, PipelineHeaders.SOURCE_LINE)),
              header(r, PipelineHeaders.DLQ_REASON)));
    }
    return seen;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
