package dev.lakehouse.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.Topics;
import dev.lakehouse.common.settings.StreamsSettings;
import dev.lakehouse.common.settings.TrustedSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.ingest.file.FileIngestRun;
import dev.lakehouse.ingest.file.IngestOptions;
import dev.lakehouse.ingest.generate.DirectorySink;
import dev.lakehouse.ingest.generate.FileManifest;
import dev.lakehouse.ingest.generate.FoodDeliveryGenerator;
import dev.lakehouse.ingest.generate.GenerationManifest;
import dev.lakehouse.ingest.generate.GeneratorOptions;
import dev.lakehouse.process.LakehouseHome;
import dev.lakehouse.stack.LocalStack;
import dev.lakehouse.stack.StackConfig;
import dev.lakehouse.streams.iceberg.CommittedOffsets;
import dev.lakehouse.streams.iceberg.ResumeRefusedException;
import dev.lakehouse.streams.iceberg.TableOwnership;
import dev.lakehouse.streams.iceberg.TableOwnership.OwnershipRefusedException;
import dev.lakehouse.streams.iceberg.TopicIds;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's refusals on the real stack (its own, since the test damages topics and tables):
 * records deleted past a table's offset, a table whose offset snapshots were expired, a recreated
 * topic, and a second application id; each is refused before anything starts, and recovered as
 * docs/exactly-once.md says. Then the owner's declared successor takes over and every source record
 * is in the tables once.
 */
class WriterOffsetsIT {
  private static final Duration LANDING = Duration.ofMinutes(4);

  @Test
  void refusesGapsLostOffsetsRecreatedTopicsAndStrangersThenASuccessorTakesOverWithoutDuplicates(
      @TempDir Path work) throws Exception {
    try (LocalStack stack =
            LocalStack.start(
                StackConfig.withFreePorts(work.resolve("stack")), LakehouseHome.fromEnvironment());
        Admin admin =
            Admin.create(
                Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()))) {
      Catalog catalog = LakehouseCatalogs.open(stack.settings());
      StreamsSettings owner = settings(work, "owner-app");

      // the owner lands a first batch of files
      Map<Dataset, Long> expected = new EnumMap<>(Dataset.class);
      try (StreamsApp app = StreamsApp.start(stack.settings(), owner, TrustedSettings.disabled())) {
        ingest(stack, work.resolve("first"), 21, expected);
        awaitRows(catalog, expected);
      }
      for (Dataset dataset : Dataset.values()) {
        assertThat(table(catalog, dataset).properties())
            .containsEntry(TableOwnership.PROPERTY, "owner-app");
        // every partition of its rows topic, quiet ones too, is in its offsets: one missing is one
        // the table never read
        String rows = Topics.rawRows(dataset.contract());
        int count =
            admin.describeTopics(List.of(rows)).allTopicNames().get().get(rows).partitions().size();
        Set<String> all = new HashSet<>();
        for (int p = 0; p < count; p++) {
          all.add(CommittedOffsets.partitionKey(rows, p));
        }
        assertThat(offsets(table(catalog, dataset)).keySet())
            .as(dataset.toString())
            .containsAll(all);
      }

      // another application id is refused, before anything starts
      assertThatThrownBy(
              () ->
                  StreamsApp.start(
                      stack.settings(), settings(work, "stranger-app"), TrustedSettings.disabled()))
          .isInstanceOf(OwnershipRefusedException.class)
          .hasMessageContaining("'owner-app'")
          .hasMessageContaining("'stranger-app'");

      // records deleted past the table's offset: refused, naming the partition and the gap;
      // recovered by moving the offsets on purpose
      TopicPartition orderRows = new TopicPartition(Topics.rawRows(Dataset.ORDER.contract()), 0);
      long next = offsets(table(catalog, Dataset.ORDER)).get(key(orderRows));
      produceJunk(stack, orderRows, 5);
      admin.deleteRecords(Map.of(orderRows, RecordsToDelete.beforeOffset(next + 5))).all().get();
      assertThatThrownBy(
              () -> StreamsApp.start(stack.settings(), owner, TrustedSettings.disabled()))
          .isInstanceOf(ResumeRefusedException.class)
          .hasMessageContaining(key(orderRows))
          .hasMessageContaining("[" + next + ", " + (next + 5) + ")");
      moveOffsets(table(catalog, Dataset.ORDER), Map.of(key(orderRows), next + 5));

      // the offset snapshots expired (only a snapshot without offsets is left): refused; recovered
      // by writing the offsets back
      Table restaurant = table(catalog, Dataset.RESTAURANT);
      Map<String, Long> restaurantOffsets = offsets(restaurant);
      restaurant.newFastAppend().commit();
      restaurant
          .expireSnapshots()
          .retainLast(1)
          .expireOlderThan(Long.MAX_VALUE)
          .cleanExpiredFiles(false)
          .commit();
      assertThatThrownBy(
              () -> StreamsApp.start(stack.settings(), owner, TrustedSettings.disabled()))
          .isInstanceOf(ResumeRefusedException.class)
          .hasMessageContaining(restaurant.name())
          .hasMessageContaining(CommittedOffsets.SUMMARY_KEY);
      moveOffsets(restaurant, restaurantOffsets);

      // the rows topic was deleted and created again: its end is behind the table; recovered by
      // starting its partitions at 0
      String consumerRows = Topics.rawRows(Dataset.CONSUMER.contract());
      int partitions =
          admin
              .describeTopics(List.of(consumerRows))
              .allTopicNames()
              .get()
              .get(consumerRows)
              .partitions()
              .size();
      admin.deleteTopics(List.of(consumerRows)).all().get();
      recreate(admin, consumerRows, partitions);
      Table consumerTable = table(catalog, Dataset.CONSUMER);
      assertThat(offsets(consumerTable))
          .as("the first batch put consumer rows in the table")
          .isNotEmpty();
      assertThatThrownBy(
              () -> StreamsApp.start(stack.settings(), owner, TrustedSettings.disabled()))
          .isInstanceOf(ResumeRefusedException.class)
          .hasMessageContaining(consumerRows)
          .hasMessageContaining("created again");
      Map<String, Long> restart = new HashMap<>(offsets(consumerTable));
      restart.replaceAll(
          (partition, offset) -> partition.startsWith(consumerRows + "-") ? 0L : offset);
      moveOffsets(consumerTable, restart);

      // the rows topic was deleted and created again and has since grown past the table's offsets:
      // only its new id gives it
      // away; recovered the same way, by moving the offsets on purpose (here past the new topic's
      // records)
      String statusRows = Topics.rawRows(Dataset.ORDER_STATUS.contract());
      Table statusTable = table(catalog, Dataset.ORDER_STATUS);
      assertThat(statusTable.currentSnapshot().summary()).containsKey(TopicIds.SUMMARY_KEY);
      Map<String, Long> statusOffsets = offsets(statusTable);
      int statusPartitions =
          admin
              .describeTopics(List.of(statusRows))
              .allTopicNames()
              .get()
              .get(statusRows)
              .partitions()
              .size();
      admin.deleteTopics(List.of(statusRows)).all().get();
      recreate(admin, statusRows, statusPartitions);
      Map<String, Long> pastTheJunk = new HashMap<>(statusOffsets);
      for (int p = 0; p < statusPartitions; p++) {
        TopicPartition tp = new TopicPartition(statusRows, p);
        int junk = (int) (statusOffsets.getOrDefault(key(tp), 0L) + 3);
        produceJunk(stack, tp, junk);
        pastTheJunk.put(key(tp), (long) junk);
      }
      assertThatThrownBy(
              () -> StreamsApp.start(stack.settings(), owner, TrustedSettings.disabled()))
          .isInstanceOf(ResumeRefusedException.class)
          .hasMessageContaining(statusRows)
          .hasMessageContaining("now has id")
          .hasMessageContaining("created again");
      moveOffsets(statusTable, pastTheJunk);

      // the owner's declared successor takes over: refused while the owner runs, then every record
      // once
      StreamsSettings successor = settings(work, "successor-app").withSuccessorOf("owner-app");
      try (StreamsApp running =
          StreamsApp.start(stack.settings(), owner, TrustedSettings.disabled())) {
        assertThatThrownBy(
                () -> StreamsApp.start(stack.settings(), successor, TrustedSettings.disabled()))
            .isInstanceOf(OwnershipRefusedException.class)
            .hasMessageContaining("still running");
      }
      try (StreamsApp app =
          StreamsApp.start(stack.settings(), successor, TrustedSettings.disabled())) {
        ingest(stack, work.resolve("second"), 22, expected);
        awaitRows(catalog, expected);
        Thread.sleep(3_000); // a few more commit intervals: nothing may arrive twice
      }
      for (Dataset dataset : Dataset.values()) {
        assertThat(table(catalog, dataset).properties())
            .containsEntry(TableOwnership.PROPERTY, "successor-app");
        assertThat(rows(table(catalog, dataset)))
            .as("%s: every source record once", dataset)
            .isEqualTo(expected.get(dataset));
      }
      // and the old owner is now the stranger
      assertThatThrownBy(
              () -> StreamsApp.start(stack.settings(), owner, TrustedSettings.disabled()))
          .isInstanceOf(OwnershipRefusedException.class)
          .hasMessageContaining("'successor-app'");
    }
  }

  private static StreamsSettings settings(Path work, String appId) {
    return StreamsSettings.defaults(work.resolve("state-" + appId))
        .withApplicationId(appId)
        .withCommitInterval(Duration.ofSeconds(1))
        .withHttpPort(0);
  }

  private static void ingest(LocalStack stack, Path landing, long seed, Map<Dataset, Long> expected)
      throws Exception {
    GenerationManifest manifest =
        new FoodDeliveryGenerator(new GeneratorOptions(seed, 300, 0.0))
            .generate(new DirectorySink(landing));
    for (FileManifest file : manifest.files()) {
      expected.merge(Dataset.valueOf(file.dataset()), file.expectedRawRows(), Long::sum);
    }
    new FileIngestRun(
            new IngestOptions(
                landing.toString(),
                "it-offsets-" + UUID.randomUUID(),
                false,
                Duration.ofSeconds(1),
                3,
                5_000,
                500),
            stack.settings())
        .run(new PrintStream(new ByteArrayOutputStream()), false);
  }

  private static void awaitRows(Catalog catalog, Map<Dataset, Long> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + LANDING.toNanos();
    for (Dataset dataset : Dataset.values()) {
      while (rows(table(catalog, dataset)) < expected.get(dataset)) {
        assertThat(System.nanoTime())
            .as("%s did not reach %d rows", dataset, expected.get(dataset))
            .isLessThan(deadline);
        Thread.sleep(1_000);
      }
    }
  }

  /** The table's rows; fails on a source record seen twice. */
  private static long rows(Table table) {
    table.refresh();
    Set<String> coordinates = new HashSet<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(table)
            .select(RawTables.SOURCE_TOPIC, RawTables.SOURCE_PARTITION, RawTables.SOURCE_OFFSET)
            .build()) {
      for (Record r : read) {
        String at =
            r.getField(RawTables.SOURCE_TOPIC)
                + "/"
                + r.getField(RawTables.SOURCE_PARTITION)
                + "/"
                + r.getField(RawTables.SOURCE_OFFSET);
        assertThat(coordinates.add(at)).as("%s: source record %s twice", table.name(), at).isTrue();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return coordinates.size();
  }

  private static Table table(Catalog catalog, Dataset dataset) {
    return catalog.loadTable(RawTableCatalog.identifier(dataset.contract()));
  }

  private static String key(TopicPartition tp) {
    return CommittedOffsets.partitionKey(tp.topic(), tp.partition());
  }

  private static Map<String, Long> offsets(Table table) {
    table.refresh();
    return CommittedOffsets.fromSnapshots(SnapshotUtil.currentAncestors(table)).asMap();
  }

  /**
   * The documented recovery: an empty append whose summary sets the offsets an operator decided on.
   */
  private static void moveOffsets(Table table, Map<String, Long> changes) {
    table.refresh();
    CommittedOffsets moved =
        CommittedOffsets.fromSnapshots(SnapshotUtil.currentAncestors(table)).advancedTo(changes);
    table.newFastAppend().set(CommittedOffsets.SUMMARY_KEY, moved.encode()).commit();
  }

  private static void produceJunk(LocalStack stack, TopicPartition tp, int count) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.settings().kafka().bootstrapServers()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
      for (int i = 0; i < count; i++) {
        sent.add(
            producer.send(
                new ProducerRecord<>(tp.topic(), tp.partition(), null, new byte[] {1, 2, 3})));
      }
      for (java.util.concurrent.Future<?> send : sent) {
        send.get();
      }
    }
  }

  private static void recreate(Admin admin, String topic, int partitions) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) -1))).all().get();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }
}
