package dev.lakehouse.streams.app;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics the app reads and writes when they are missing: a rows topic gets as many
 * partitions as its source topic, so the work spreads the same way at both steps, and the trusted
 * topics as many as the order rows topic. Checks that the topics the trusted stage reads together
 * are co-partitioned.
 */
final class PipelineTopics {
  private static final int DEFAULT_PARTITIONS = 3;

  private PipelineTopics() {}

  static void ensure(String bootstrap, List<DatasetContract> datasets, boolean trusted)
      throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (DatasetContract dataset : datasets) {
        int partitions =
            existing.contains(dataset.topic())
                ? partitions(admin, dataset.topic())
                : DEFAULT_PARTITIONS;
        if (!existing.contains(dataset.topic())) {
          missing.add(new NewTopic(dataset.topic(), partitions, (short) -1));
        }
        if (!existing.contains(Topics.rawRows(dataset))) {
          missing.add(new NewTopic(Topics.rawRows(dataset), partitions, (short) -1));
        }
      }
      if (trusted) {
        int orderPartitions =
            existing.contains(Topics.rawRows(Dataset.ORDER.contract()))
                ? partitions(admin, Topics.rawRows(Dataset.ORDER.contract()))
                : existing.contains(Dataset.ORDER.topic())
                    ? partitions(admin, Dataset.ORDER.topic())
                    : DEFAULT_PARTITIONS;
        for (String topic : Topics.trustedRows()) {
          if (!existing.contains(topic)) {
            missing.add(new NewTopic(topic, orderPartitions, (short) -1));
          }
        }
        if (!existing.contains(Topics.TRUSTED_DIMENSIONS)) {
          missing.add(new NewTopic(Topics.TRUSTED_DIMENSIONS, orderPartitions, (short) -1));
        }
      }
      for (String topic : Topics.deadLetters()) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, DEFAULT_PARTITIONS, (short) -1));
        }
      }
      if (!existing.contains(Topics.PROCESS_EVENTS)) {
        missing.add(new NewTopic(Topics.PROCESS_EVENTS, DEFAULT_PARTITIONS, (short) -1));
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
      if (trusted) {
        requireCoPartitioned(
            admin,
            List.of(
                Topics.rawRows(Dataset.ORDER.contract()),
                Topics.rawRows(Dataset.ORDER_STATUS.contract()),
                Topics.TRUSTED_DIMENSIONS));
      }
    }
  }

  /**
   * The trusted stage keeps an order's copies, statuses and the dimensions in one task: the topics
   * it reads together must have as many partitions each (their keys are all partitioned the same
   * way).
   */
  private static void requireCoPartitioned(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (String topic : topics) {
      counts.put(topic, partitions(admin, topic));
    }
    if (counts.values().stream().distinct().count() > 1) {
      throw new IllegalStateException(
          "the trusted stage reads "
              + counts.keySet()
              + " together, so they need the same number of "
              + "partitions; they have "
              + counts
              + ". Give them the same count (or set trusted.enabled=false to run the raw stage alone).");
    }
  }

  /** The topic's partition count; waits up to 10 s for a topic created a moment ago to be known. */
  private static int partitions(Admin admin, String topic)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        return admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get()
            .get(topic)
            .partitions()
            .size();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
