package dev.lakehouse.streams.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The wait between lost commit races, and the committer that keeps trying while the verdict is
 * COMMIT; nothing sleeps.
 */
class CommitBackoffTest {

  @Test
  void theWaitDoublesFrom100msToA10sCapWithJitter() {
    CommitBackoff lowest = new CommitBackoff(() -> 0.0);
    CommitBackoff highest = new CommitBackoff(() -> 0.999_999);
    assertThat(highest.delay(1)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(lowest.delay(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(highest.delay(2)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(highest.delay(5)).isBetween(Duration.ofMillis(1_599), Duration.ofMillis(1_600));
    for (int race : new int[] {8, 9, 30, 1_000, Integer.MAX_VALUE}) {
      assertThat(highest.delay(race))
          .as("race %d", race)
          .isBetween(Duration.ofMillis(9_999), CommitBackoff.CAP);
      assertThat(lowest.delay(race)).as("race %d", race).isEqualTo(CommitBackoff.CAP.dividedBy(2));
    }
  }

  @Test
  void theJitterSpreadsWritersThatLostTheSameRace() {
    double[] draws = {0.1, 0.5, 0.9};
    int[] next = {0};
    CommitBackoff backoff = new CommitBackoff(() -> draws[next[0]++]);
    assertThat(List.of(backoff.delay(4), backoff.delay(4), backoff.delay(4)))
        .containsExactly(Duration.ofMillis(440), Duration.ofMillis(600), Duration.ofMillis(760));
  }

  @Test
  void aCommitterKeepsCommittingThroughManyLostRacesWhileTheVerdictIsCommit() {
    Table table = newTable();
    List<Duration> waits = new ArrayList<>();
    // 25 races in a row, far beyond any fixed budget: every time, a rival commits another partition
    // first
    Table racing =
        new BaseTable(
            new RacingOperations(((HasTableOperations) table).operations(), 25, "rival-0"),
            table.name());
    TableCommitter committer = new TableCommitter("w", new CommitBackoff(() -> 0.5), waits::add);

    CommitOutcome outcome =
        committer.commit(
            racing,
            List.of(file(table)),
            List.of(new OffsetRange(new TopicPartition("mine", 0), 0, 7)));

    assertThat(outcome.verdict()).isEqualTo(CommitDecision.Verdict.COMMIT);
    assertThat(waits).hasSize(25);
    assertThat(waits.get(0)).isEqualTo(Duration.ofMillis(75));
    assertThat(waits.get(24)).isEqualTo(Duration.ofMillis(7_500));
    table.refresh();
    assertThat(
            CommittedOffsets.fromSnapshots(
                    org.apache.iceberg.util.SnapshotUtil.currentAncestors(table))
                .asMap())
        .isEqualTo(Map.of("mine-0", 7L, "rival-0", 25L));
  }

  @Test
  void aCommitterStopsRetryingOnceTheVerdictIsNoLongerCommit() {
    Table table = newTable();
    List<Duration> waits = new ArrayList<>();
    // the rival commits this very range: after the lost race the batch is already in the table
    Table racing =
        new BaseTable(
            new RacingOperations(((HasTableOperations) table).operations(), 1, "mine-0"),
            table.name());
    CommitOutcome outcome =
        new TableCommitter("w", new CommitBackoff(() -> 0.5), waits::add)
            .commit(
                racing,
                List.of(file(table)),
                List.of(new OffsetRange(new TopicPartition("mine", 0), 0, 1)));
    assertThat(outcome.verdict()).isEqualTo(CommitDecision.Verdict.ALREADY_COMMITTED);
    assertThat(waits).hasSize(1);
  }

  private static Table newTable() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    // Iceberg's own retry of a failed commit waits too: not in a unit test
    return catalog.createTable(
        TableIdentifier.of("raw", "t"),
        schema,
        PartitionSpec.unpartitioned(),
        Map.of("commit.retry.min-wait-ms", "0", "commit.retry.max-wait-ms", "0"));
  }

  private static DataFile file(Table table) {
    return DataFiles.builder(table.spec())
        .withPath(table.location() + "/data/" + java.util.UUID.randomUUID() + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(100)
        .withRecordCount(1)
        .build();
  }

  /**
   * A table's real operations, except that the next {@code races} commits lose: just before each, a
   * rival commits one more record of its partition (its offset is the number of races so far).
   */
  private static final class RacingOperations extends ForwardingTableOperations {
    private final String rivalPartition;
    private int racesLeft;
    private int rivalOffset;

    RacingOperations(TableOperations delegate, int races, String rivalPartition) {
      super(delegate);
      this.racesLeft = races;
      this.rivalPartition = rivalPartition;
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      if (racesLeft > 0) {
        racesLeft--;
        rivalOffset++;
        Table rival = new BaseTable(delegate(), "rival");
        rival.refresh();
        rival
            .newAppend()
            .appendFile(file(rival))
            .set(CommittedOffsets.SUMMARY_KEY, rivalPartition + "=" + rivalOffset)
            .commit();
      }
      super.commit(base, metadata);
    }
  }
}
