package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.Contracts;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics the file ingestor writes ({@link Topics}) when they are missing. */
public final class IngestTopics {
  private IngestTopics() {}

  /**
   * The source topic of every dataset {@code contracts} declares, the dead letters', the process
   * events' and the progress topic.
   */
  public static void ensure(Admin admin, int partitions, Contracts contracts)
      throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing = new ArrayList<>();
    for (DatasetContract dataset : contracts.all()) {
      if (!existing.contains(dataset.topic())) {
        missing.add(new NewTopic(dataset.topic(), partitions, (short) -1));
      }
    }
    if (!existing.contains(Topics.DLQ_INGEST)) {
      missing.add(new NewTopic(Topics.DLQ_INGEST, partitions, (short) -1));
    }
    if (!existing.contains(Topics.PROCESS_EVENTS)) {
      missing.add(new NewTopic(Topics.PROCESS_EVENTS, partitions, (short) -1));
    }
    if (!existing.contains(Topics.INGEST_PROGRESS)) {
      missing.add(
          new NewTopic(Topics.INGEST_PROGRESS, 1, (short) -1)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
