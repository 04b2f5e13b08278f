package dev.lakehouse.streams.app;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DeadLetterTopics;
import dev.lakehouse.streams.topology.RawTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics the app reads and writes when they are missing: a rows topic gets as many
 * partitions as its source topic, so the work spreads the same way at both steps.
 */
final class PipelineTopics {
  private static final int DEFAULT_PARTITIONS = 3;

  private PipelineTopics() {}

  static void ensure(String bootstrap, List<Dataset> datasets) throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (Dataset dataset : datasets) {
        int partitions = existing.contains(dataset.topic())
            ? admin.describeTopics(List.of(dataset.topic())).allTopicNames().get().get(dataset.topic()).partitions().size()
            : DEFAULT_PARTITIONS;
        if (!existing.contains(dataset.topic())) {
          missing.add(new NewTopic(dataset.topic(), partitions, (short) -1));
        }
        if (!existing.contains(RawTopics.rows(dataset))) {
          missing.add(new NewTopic(RawTopics.rows(dataset), partitions, (short) -1));
        }
      }
      for (String topic : DeadLetterTopics.all()) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, DEFAULT_PARTITIONS, (short) -1));
        }
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }
}
