package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.Contracts;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.DeadLetterTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** The topics the file ingestor writes, created when missing. */
public final class IngestTopics {
  /** Bad lines, with the reason, source coordinates and original bytes. */
  public static final String DEAD_LETTERS = DeadLetterTopics.INGEST;
  /** Per-file progress, compacted, written in the same transactions as the records. */
  public static final String PROGRESS = "_lakehouse.ingest.progress";

  private IngestTopics() {}

  /** The source topic of every dataset {@code contracts} declares, the dead letters' and the progress topic. */
  public static void ensure(Admin admin, int partitions, Contracts contracts) throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing = new ArrayList<>();
    for (DatasetContract dataset : contracts.all()) {
      if (!existing.contains(dataset.topic())) {
        missing.add(new NewTopic(dataset.topic(), partitions, (short) -1));
      }
    }
    if (!existing.contains(DEAD_LETTERS)) {
      missing.add(new NewTopic(DEAD_LETTERS, partitions, (short) -1));
    }
    if (!existing.contains(PROGRESS)) {
      missing.add(new NewTopic(PROGRESS, 1, (short) -1)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
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
