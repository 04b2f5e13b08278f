package dev.lakehouse.streams.app;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.ingest.file.IngestTopics;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.streams.deadletter.DeadLetterTable;
import dev.lakehouse.streams.iceberg.TableOwnership;
import dev.lakehouse.streams.measure.ProcessLogTable;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.trusted.TrustedTableCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The ITs of one JVM share one stack: a test's new application id must not process what earlier
 * tests left in the source topics. This creates the topics and tables and starts the application's
 * group at the current end of the topics its stages read (source topics, raw rows topics, broadcast
 * dimensions), and makes it the owner of the tables.
 */
public final class FreshStart {
  private FreshStart() {}

  public static void prepare(LocalStack stack, Admin admin, Catalog catalog, String appId)
      throws Exception {
    prepare(stack.settings(), admin, catalog, appId);
  }

  public static void prepare(LakehouseSettings settings, Admin admin, Catalog catalog, String appId)
      throws Exception {
    List<DatasetContract> datasets = settings.datasets().contracts().all();
    IngestTopics.ensure(admin, 3, settings.datasets().contracts());
    PipelineTopics.ensure(settings.kafka().bootstrapServers(), datasets, true);
    List<org.apache.iceberg.Table> tables =
        new java.util.ArrayList<>(RawTableCatalog.ensure(catalog, datasets));
    tables.add(DeadLetterTable.ensure(catalog));
    tables.add(ProcessLogTable.ensure(catalog));
    tables.addAll(TrustedTableCatalog.ensure(catalog).values());
    // the lake passes to the new application, as an operator would hand it over
    for (org.apache.iceberg.Table table : tables) {
      table.updateProperties().set(TableOwnership.PROPERTY, appId).commit();
    }
    // the raw stage's sources, and the rows topics the trusted stage reads (they hold earlier
    // tests' rows too)
    List<String> sources =
        new java.util.ArrayList<>(datasets.stream().map(DatasetContract::topic).toList());
    datasets.stream().map(Topics::rawRows).forEach(sources::add);
    sources.add(Topics.TRUSTED_DIMENSIONS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicDescription topic : admin.describeTopics(sources).allTopicNames().get().values()) {
      topic
          .partitions()
          .forEach(
              p ->
                  request.put(
                      new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
    admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get()
        .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
    admin.alterConsumerGroupOffsets(appId, ends).all().get();
  }
}
