package dev.lakehouse.streams.writer;

import dev.lakehouse.streams.iceberg.ResumePoint;
import dev.lakehouse.streams.iceberg.ResumeRefusedException;
import dev.lakehouse.streams.iceberg.TableHistory;
import dev.lakehouse.streams.iceberg.TopicIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Before anything starts, checks that every partition of the writer's input topics can be resumed
 * from its table ({@link ResumePoint}), so that an app that cannot resume refuses at once, with
 * every partition and gap in one message, instead of after its first rebalance. The writer checks
 * again on every assignment.
 */
public final class WriterPreflight {
  private WriterPreflight() {}

  /**
   * @return the ids of the input topics, which the writer records with their offsets
   * @throws ResumeRefusedException naming each partition that cannot be resumed
   */
  public static TopicIds check(Admin admin, Map<String, TableSink> sinkByTopic)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> earliestRequest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> endRequest = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    for (TopicDescription topic :
        admin.describeTopics(sinkByTopic.keySet()).allTopicNames().get().values()) {
      ids.put(topic.name(), topic.topicId().toString());
      topic
          .partitions()
          .forEach(
              p -> {
                TopicPartition tp = new TopicPartition(topic.name(), p.partition());
                earliestRequest.put(tp, OffsetSpec.earliest());
                endRequest.put(tp, OffsetSpec.latest());
              });
    }
    ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
    // earliest, then the tables, then the end: another instance may commit meanwhile, and a table
    // read between
    // the two can then look neither like a gap (its offsets only grow) nor like a recreated topic
    // (nor the end shrink)
    Map<TopicPartition, ListOffsetsResultInfo> earliest =
        admin.listOffsets(earliestRequest, readCommitted).all().get();
    Map<TableSink, TableHistory> histories = new IdentityHashMap<>();
    earliestRequest
        .keySet()
        .forEach(
            tp ->
                histories.computeIfAbsent(
                    sinkByTopic.get(tp.topic()), s -> TableHistory.of(s.table())));
    Map<TopicPartition, ListOffsetsResultInfo> end =
        admin.listOffsets(endRequest, readCommitted).all().get();
    List<String> refusals = new ArrayList<>();
    for (TopicPartition tp :
        earliestRequest.keySet().stream()
            .sorted(java.util.Comparator.comparing(TopicPartition::toString))
            .toList()) {
      TableHistory history = histories.get(sinkByTopic.get(tp.topic()));
      try {
        ResumePoint.of(
            history,
            tp.topic(),
            ids.get(tp.topic()),
            tp.partition(),
            earliest.get(tp).offset(),
            end.get(tp).offset());
      } catch (ResumeRefusedException e) {
        if (!refusals.contains(e.getMessage())) {
          refusals.add(e.getMessage());
        }
      }
    }
    if (!refusals.isEmpty()) {
      throw new ResumeRefusedException(
          "the Iceberg writer cannot resume; nothing was started:\n  "
              + String.join("\n  ", refusals));
    }
    return TopicIds.of(ids);
  }
}
