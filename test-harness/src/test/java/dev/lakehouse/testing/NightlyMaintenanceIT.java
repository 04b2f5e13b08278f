package dev.lakehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakehouse.common.lake.LakeMarks;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.process.ChildJvm;
import dev.lakehouse.process.SparkJobs;
import dev.lakehouse.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly job, in its own Spark JVM, on tables this JVM wrote through the same catalog the way
 * the Streams writer does (small files, offsets in every append's summary): a dry run changes
 * nothing and lists what it would do; the real run consolidates the versioned table, compacts,
 * expires with {@code retain_last = 1} and a zero age but keeps the snapshot the writer resumes
 * from, and removes only the orphans past the margin, of this table only; a second run finds
 * nothing to do.
 */
@WithLocalStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyMaintenanceIT {
  private static final Namespace GROUND = Namespace.of("nightly");
  private static final TableIdentifier EVENTS = TableIdentifier.of(GROUND, "events");
  private static final TableIdentifier EVENTS_MORE = TableIdentifier.of(GROUND, "events_more");
  private static final TableIdentifier VERSIONS = TableIdentifier.of(GROUND, "versions");
  private static final Schema VERSIONED =
      new Schema(
          Types.NestedField.required(1, "order_id", Types.StringType.get()),
          Types.NestedField.required(2, "_version", Types.LongType.get()),
          Types.NestedField.required(3, "_versioned_at", Types.TimestampType.withZone()),
          Types.NestedField.optional(4, "status", Types.StringType.get()));
  private static final int ORDERS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Catalog catalog;
  private Path settings;
  private Path bucketDir;
  private String oldOrphan;
  private String newOrphan;
  private final Map<String, Long> expectedVersion = new HashMap<>();
  private final Map<String, OffsetDateTime> expectedVersionedAt = new HashMap<>();

  @BeforeAll
  void writeTheTables(LocalStack stack, @TempDir Path work) throws IOException {
    catalog = LakehouseCatalogs.open(stack.settings());
    ((SupportsNamespaces) catalog).createNamespace(GROUND);
    bucketDir = stack.config().s3Dir().resolve(stack.settings().s3().bucket());
    // zero age and the last one only: the strictest expiry, which must still keep the offsets
    settings = work.resolve("nightly.properties");
    Files.writeString(
        settings,
        Files.readString(stack.config().settingsFile())
            + "\nnightly.snapshot-max-age=0d\nnightly.snapshot-retain-last=1\n",
        StandardCharsets.UTF_8);

    Table events =
        catalog.createTable(
            EVENTS, IcebergTables.SCHEMA, IcebergTables.SPEC, Map.of("format-version", "2"));
    long id = 0;
    for (int commit = 1; commit <= 6; commit++) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        rows.add(IcebergTables.row(id++, "FRANCA"));
      }
      IcebergTables.appendFile(events, rows, Map.of(LakeMarks.KAFKA_OFFSETS, "src-0=" + id));
    }

    // a table whose location extends the first one's: none of its files is the first one's orphan
    Table more =
        catalog.createTable(
            EVENTS_MORE, IcebergTables.SCHEMA, IcebergTables.SPEC, Map.of("format-version", "2"));
    for (int commit = 0; commit < 2; commit++) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        rows.add(IcebergTables.row(id++, "SAO PAULO"));
      }
      DataFile file = IcebergTables.appendFile(more, rows);
      age(file.location(), Duration.ofDays(10));
    }

    Table versions =
        catalog
            .buildTable(VERSIONS, VERSIONED)
            .withPartitionSpec(PartitionSpec.unpartitioned())
            .withSortOrder(SortOrder.builderFor(VERSIONED).asc("order_id").build())
            .withProperties(
                Map.of(
                    "format-version",
                    "2",
                    LakeMarks.VERSIONED_KEY,
                    "order_id",
                    LakeMarks.COMPACTION_STRATEGY,
                    LakeMarks.SORT))
            .create();
    // three commits; order i has 1 + i % 3 versions, each version in a later commit
    OffsetDateTime base = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    for (int version = 1; version <= 3; version++) {
      List<Record> rows = new ArrayList<>();
      for (int order = 0; order < ORDERS; order++) {
        if (version <= 1 + order % 3) {
          String orderId = "o-" + order;
          OffsetDateTime at = base.plusMinutes(order).plusSeconds(version);
          GenericRecord row = GenericRecord.create(VERSIONED);
          row.setField("order_id", orderId);
          row.setField("_version", (long) version);
          row.setField("_versioned_at", at);
          row.setField("status", "S" + version);
          rows.add(row);
          expectedVersion.put(orderId, (long) version);
          expectedVersionedAt.put(orderId, at);
        }
      }
      IcebergTables.appendFile(
          versions, rows, Map.of(LakeMarks.KAFKA_OFFSETS, "trusted-0=" + version));
    }

    // two files no snapshot references: one a crashed writer left days ago, one being uploaded now
    oldOrphan = IcebergTables.writeFile(events, List.of(IcebergTables.row(-1, "X"))).location();
    newOrphan = IcebergTables.writeFile(events, List.of(IcebergTables.row(-2, "X"))).location();
    age(oldOrphan, Duration.ofDays(4));
  }

  @Test
  @Order(1)
  void aDryRunListsThePlanAndCommitsNothing(@TempDir Path work) throws Exception {
    Map<TableIdentifier, Long> snapshots = currentSnapshots();

    JsonNode report = runNightly(work, "--dry-run");

    assertThat(report.get("dryRun").asBoolean()).isTrue();
    assertThat(status(report, VERSIONS, "consolidate")).isEqualTo("PLANNED");
    assertThat(step(report, VERSIONS, "consolidate").get("figures").get("supersededRows").asLong())
        .isEqualTo(600 - ORDERS); // 300 orders with 1, 2 or 3 versions: 600 rows, 300 current
    assertThat(status(report, EVENTS, "compact")).isEqualTo("PLANNED");
    assertThat(status(report, EVENTS, "consolidate")).isEqualTo("NOTHING_TO_DO");
    assertThat(status(report, EVENTS, "expire_snapshots")).isEqualTo("PLANNED");
    JsonNode orphans = step(report, EVENTS, "remove_orphan_files");
    assertThat(orphans.get("status").asText()).isEqualTo("PLANNED");
    // exactly the crashed writer's file: none of events_more's, though they are older still
    assertThat(orphans.get("figures").get("orphanFiles").asLong()).isEqualTo(1);
    assertThat(orphans.get("figures").get("sample").toString())
        .contains(oldOrphan)
        .doesNotContain(newOrphan);
    assertThat(status(report, EVENTS_MORE, "remove_orphan_files")).isEqualTo("NOTHING_TO_DO");

    assertThat(currentSnapshots()).isEqualTo(snapshots);
    assertThat(Files.exists(localPath(oldOrphan))).isTrue();
  }

  @Test
  @Order(2)
  void theRunMaintainsEveryTableAndKeepsTheWritersOffsets(@TempDir Path work) throws Exception {
    JsonNode report = runNightly(work);
    assertThat(report.get("failed").asBoolean()).isFalse();

    // compacted, the data intact
    Table events = catalog.loadTable(EVENTS);
    assertThat(status(report, EVENTS, "compact")).isEqualTo("DONE");
    assertThat(events.currentSnapshot().summary().get("total-data-files")).isEqualTo("1");
    assertThat(ids(events)).hasSize(1200).doesNotHaveDuplicates();

    // expired down to what the writer needs: the compaction and the last offsets snapshot
    assertThat(status(report, EVENTS, "expire_snapshots")).isEqualTo("DONE");
    List<Snapshot> lineage = new ArrayList<>();
    SnapshotUtil.currentAncestors(events).forEach(lineage::add);
    assertThat(lineage.get(0).operation()).isEqualTo("replace");
    assertThat(lineage)
        .filteredOn(s -> s.summary().containsKey(LakeMarks.KAFKA_OFFSETS))
        .first()
        .satisfies(
            s -> assertThat(s.summary()).containsEntry(LakeMarks.KAFKA_OFFSETS, "src-0=1200"));
    assertThat(events.snapshots()).hasSize(2);

    // the old orphan is gone, the one being uploaded stays, the neighbour table is whole
    assertThat(status(report, EVENTS, "remove_orphan_files")).isEqualTo("DONE");
    assertThat(Files.exists(localPath(oldOrphan))).isFalse();
    assertThat(Files.exists(localPath(newOrphan))).isTrue();
    assertThat(ids(catalog.loadTable(EVENTS_MORE))).hasSize(100);

    // consolidated: one row per order, of its highest version, with its own _versioned_at
    Table versions = catalog.loadTable(VERSIONS);
    assertThat(status(report, VERSIONS, "consolidate")).isEqualTo("DONE");
    Map<String, Long> version = new HashMap<>();
    Map<String, OffsetDateTime> versionedAt = new HashMap<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(versions).build()) {
      for (Record row : rows) {
        String orderId = (String) row.getField("order_id");
        assertThat(version.put(orderId, (Long) row.getField("_version")))
            .as("a second row of %s", orderId)
            .isNull();
        versionedAt.put(orderId, (OffsetDateTime) row.getField("_versioned_at"));
      }
    }
    assertThat(version).isEqualTo(expectedVersion);
    assertThat(versionedAt).isEqualTo(expectedVersionedAt);
    Map<String, String> summary = versions.currentSnapshot().summary();
    assertThat(summary.get("total-delete-files")).isEqualTo("0");
    assertThat(summary.get("total-equality-deletes")).isEqualTo("0");
    for (Snapshot snapshot : versions.snapshots()) {
      assertThat(snapshot.summary().getOrDefault("added-equality-delete-files", "0"))
          .isEqualTo("0");
    }
    assertThat(versions.properties()).containsEntry("write.delete.mode", "merge-on-read");
  }

  @Test
  @Order(3)
  void aSecondRunFindsNothingToDo(@TempDir Path work) throws Exception {
    JsonNode report = runNightly(work);
    assertThat(report.get("failed").asBoolean()).isFalse();
    assertThat(status(report, VERSIONS, "consolidate")).isEqualTo("NOTHING_TO_DO");
    assertThat(status(report, VERSIONS, "compact")).isEqualTo("NOTHING_TO_DO");
    assertThat(status(report, EVENTS, "compact")).isEqualTo("NOTHING_TO_DO");
    assertThat(status(report, EVENTS, "remove_orphan_files")).isEqualTo("NOTHING_TO_DO");
    // the snapshot the writer resumes from is still the one it committed
    Table events = catalog.loadTable(EVENTS);
    List<Snapshot> carriers = new ArrayList<>();
    SnapshotUtil.currentAncestors(events)
        .forEach(
            s -> {
              if (s.summary().containsKey(LakeMarks.KAFKA_OFFSETS)) {
                carriers.add(s);
              }
            });
    assertThat(carriers).hasSize(1);
  }

  private JsonNode runNightly(Path work, String... extra) throws Exception {
    return runNightly(work, 0, extra);
  }

  private JsonNode runNightly(Path work, int exitCode, String... extra) throws Exception {
    Path report = work.resolve("report.json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config",
                settings.toString(),
                "--tables",
                GROUND.toString(),
                "--report",
                report.toString()));
    args.addAll(List.of(extra));
    try (ChildJvm spark =
        ChildJvm.start(
            SparkJobs.spec("nightly", SparkJobs.NIGHTLY, args, work.resolve("nightly.log")))) {
      OptionalInt exit = spark.waitFor(Duration.ofMinutes(5));
      assertThat(exit).as("nightly job exit code; log:%n%s", spark.logTail(80)).hasValue(exitCode);
    }
    return JSON.readTree(report.toFile());
  }

  @Test
  @Order(4)
  void aDuplicateCurrentRowFailsTheUniquenessCheckAndTheRun(@TempDir Path work) throws Exception {
    // a copy of an order's current row appended again, as a faulty writer would
    Table versions = catalog.loadTable(VERSIONS);
    GenericRecord copy = GenericRecord.create(VERSIONED);
    copy.setField("order_id", "o-7");
    copy.setField("_version", expectedVersion.get("o-7"));
    copy.setField("_versioned_at", expectedVersionedAt.get("o-7"));
    copy.setField("status", "copy");
    IcebergTables.appendFile(versions, List.of(copy));

    JsonNode report = runNightly(work, 3);

    assertThat(report.get("failed").asBoolean()).isFalse();
    assertThat(report.get("validationFailed").asBoolean()).isTrue();
    JsonNode failed = null;
    for (JsonNode check : report.get("checks")) {
      if (!check.get("passed").asBoolean() && check.get("severity").asText().equals("ERROR")) {
        assertThat(failed).as("a second failed error check: %s", check).isNull();
        failed = check;
      }
    }
    assertThat(failed).isNotNull();
    assertThat(failed.get("check").asText()).isEqualTo("uniqueness");
    assertThat(failed.get("table").asText()).isEqualTo(VERSIONS.toString());
    assertThat(failed.get("rule").asText()).contains("current rows");
    assertThat(failed.get("observed").asLong()).isEqualTo(1);
    assertThat(failed.get("sample").toString()).contains("o-7");

    // the run's results are rows of ops.validation_results, the failed one among them
    String runId = report.get("runId").asText();
    Table results = catalog.loadTable(TableIdentifier.of("ops", "validation_results"));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read = IcebergGenerics.read(results).build()) {
      read.forEach(
          r -> {
            if (runId.equals(r.getField("run_id"))) {
              rows.add(r.copy());
            }
          });
    }
    assertThat(rows).hasSize(report.get("checks").size());
    assertThat(rows)
        .filteredOn(r -> !(Boolean) r.getField("passed") && "ERROR".equals(r.getField("severity")))
        .singleElement()
        .satisfies(r -> assertThat(r.getField("check")).isEqualTo("uniqueness"));
  }

  private static JsonNode step(JsonNode report, TableIdentifier table, String step) {
    for (JsonNode node : report.get("steps")) {
      if (node.get("table").asText().equals(table.toString())
          && node.get("step").asText().equals(step)) {
        return node;
      }
    }
    throw new AssertionError("no step " + step + " for " + table + " in " + report);
  }

  private static String status(JsonNode report, TableIdentifier table, String step) {
    return step(report, table, step).get("status").asText();
  }

  private Map<TableIdentifier, Long> currentSnapshots() {
    Map<TableIdentifier, Long> current = new HashMap<>();
    for (TableIdentifier id : List.of(EVENTS, EVENTS_MORE, VERSIONS)) {
      current.put(id, catalog.loadTable(id).currentSnapshot().snapshotId());
    }
    return current;
  }

  private static List<Long> ids(Table table) throws IOException {
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      rows.forEach(r -> ids.add((Long) r.getField("id")));
    }
    return ids;
  }

  /** The file under the S3 server's directory that holds the object at {@code s3Location}. */
  private Path localPath(String s3Location) {
    URI uri = URI.create(s3Location);
    return bucketDir.resolve(uri.getPath().substring(1));
  }

  private void age(String s3Location, Duration age) throws IOException {
    Files.setLastModifiedTime(localPath(s3Location), FileTime.from(Instant.now().minus(age)));
  }
}
