package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Offsets are only meaningful in the topic they were read from: the writer records the topics' ids
 * with them, and a topic deleted and created again under the same name (a new id) is refused,
 * whatever its end.
 */
class TopicIdsTest {
  private static final String TOPIC = "raw.rows.order";
  private static final String OLD_ID = "Xq1d0LqjS5yZ3vYh8bWm0A";
  private static final String NEW_ID = "b3R0cm9uLXRvcGljLWlkMA";

  @Test
  void idsRoundTripThroughASummaryAndTakeTheCurrentIdsOfTheCommittedTopicsOnly() {
    TopicIds recorded = TopicIds.of(Map.of(TOPIC, OLD_ID, "dlq.raw", "d1"));
    assertThat(TopicIds.fromSummary(Map.of(TopicIds.SUMMARY_KEY, recorded.encode())))
        .isEqualTo(recorded);
    assertThat(recorded.encode()).isEqualTo("dlq.raw=d1," + TOPIC + "=" + OLD_ID);
    assertThat(TopicIds.fromSummary(Map.of())).isEqualTo(TopicIds.none());

    TopicIds current =
        TopicIds.of(Map.of(TOPIC, NEW_ID, "dlq.raw", "d2", "raw.rows.consumer", "c1"));
    assertThat(recorded.updatedWith(current, List.of(TOPIC, "raw.rows.consumer")))
        .isEqualTo(TopicIds.of(Map.of(TOPIC, NEW_ID, "dlq.raw", "d1", "raw.rows.consumer", "c1")));
    assertThat(recorded.updatedWith(TopicIds.none(), List.of(TOPIC)))
        .as("an unknown current id keeps the recorded one")
        .isEqualTo(recorded);
    assertThatThrownBy(() -> TopicIds.fromSummary(Map.of(TopicIds.SUMMARY_KEY, "no-id-here")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRecreatedTopicIsRefusedEvenWhenItHasGrownPastTheTablesOffset() {
    TableHistory table =
        new TableHistory(
            "lake.raw.order",
            true,
            Optional.of(CommittedOffsets.of(Map.of(TOPIC + "-0", 57L))),
            TopicIds.of(Map.of(TOPIC, OLD_ID)));
    assertThat(ResumePoint.of(table, TOPIC, OLD_ID, 0, 0, 100)).isEqualTo(57);
    assertThat(ResumePoint.of(table, TOPIC, null, 0, 0, 100))
        .as("an id not known now skips the comparison")
        .isEqualTo(57);
    assertThatThrownBy(() -> ResumePoint.of(table, TOPIC, NEW_ID, 0, 0, 100))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining(OLD_ID)
        .hasMessageContaining(NEW_ID)
        .hasMessageContaining("created again");
    assertThatThrownBy(() -> ResumePoint.of(table, TOPIC, NEW_ID, 3, 0, 100))
        .as("also a partition the table has not seen")
        .isInstanceOf(ResumeRefusedException.class);
    TableHistory movedByHand =
        new TableHistory(
            "lake.raw.order", true, Optional.of(CommittedOffsets.of(Map.of(TOPIC + "-0", 0L))));
    assertThat(ResumePoint.of(movedByHand, TOPIC, NEW_ID, 0, 0, 100))
        .as("offsets a person moved carry no ids")
        .isZero();
  }

  @Test
  void theCommitterRecordsTheIdsWithTheOffsetsAndRefusesATopicRecreatedWhileItRan() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    Table table =
        catalog.createTable(
            TableIdentifier.of("raw", "ids"), schema, PartitionSpec.unpartitioned());

    new TableCommitter("w1", TopicIds.of(Map.of(TOPIC, OLD_ID, "raw.rows.consumer", "c1")))
        .commit(
            table,
            List.of(file(table, "a")),
            List.of(new OffsetRange(new TopicPartition(TOPIC, 0), 0, 10)));
    assertThat(table.currentSnapshot().summary())
        .containsEntry(TopicIds.SUMMARY_KEY, TOPIC + "=" + OLD_ID);
    // a compaction between two commits carries no summary of ours: the ids are read with the
    // offsets, past it
    table.newFastAppend().appendFile(file(table, "b")).commit();
    assertThat(TableHistory.of(table).topicIds()).isEqualTo(TopicIds.of(Map.of(TOPIC, OLD_ID)));

    TableCommitter afterRecreation = new TableCommitter("w2", TopicIds.of(Map.of(TOPIC, NEW_ID)));
    long snapshot = table.currentSnapshot().snapshotId();
    assertThatThrownBy(
            () ->
                afterRecreation.commit(
                    table,
                    List.of(file(table, "c")),
                    List.of(new OffsetRange(new TopicPartition(TOPIC, 0), 10, 20))))
        .isInstanceOf(ResumeRefusedException.class)
        .hasMessageContaining(OLD_ID)
        .hasMessageContaining(NEW_ID);
    table.refresh();
    assertThat(table.currentSnapshot().snapshotId())
        .as("nothing was committed")
        .isEqualTo(snapshot);
  }

  private static org.apache.iceberg.DataFile file(Table table, String name) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + name + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .build();
  }
}
