package dev.lakehouse.streams.measure;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.measure.ProcessAttribute;
import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.streams.raw.RawTableCatalog;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * {@code ops.process_log}: the process log, append-only, one row per {@link ProcessEvent} (a run's
 * start, and its end with status and counters), with where the event was read from. Partitioned by
 * the day the run started.
 */
public final class ProcessLogTable {
  public static final TableIdentifier IDENTIFIER =
      TableIdentifier.of(LakeLayout.OPS_NAMESPACE, LakeLayout.PROCESS_LOG_TABLE);

  public static final String EVENT_ID = "event_id";
  public static final String RUN_ID = "run_id";
  public static final String PARENT_RUN_ID = "parent_run_id";
  public static final String JOB = "job";
  public static final String JOB_KIND = "job_kind";
  public static final String LAYER = "layer";
  public static final String STATUS = "status";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String DURATION_SECONDS = "duration_seconds";
  public static final String EVENT_PARTITION = "_event_partition";
  public static final String EVENT_OFFSET = "_event_offset";
  public static final String LOGGED_AT = "_logged_at";

  private ProcessLogTable() {}

  public static Schema schema() {
    int id = 1;
    return new Schema(
        NestedField.optional(id++, EVENT_ID, Types.StringType.get()),
        NestedField.optional(id++, RUN_ID, Types.StringType.get()),
        NestedField.optional(id++, PARENT_RUN_ID, Types.StringType.get()),
        NestedField.optional(id++, JOB, Types.StringType.get()),
        NestedField.optional(id++, JOB_KIND, Types.StringType.get()),
        NestedField.optional(id++, LAYER, Types.StringType.get()),
        NestedField.optional(id++, STATUS, Types.StringType.get()),
        NestedField.optional(id++, STARTED_AT, Types.TimestampType.withZone()),
        NestedField.optional(id++, ENDED_AT, Types.TimestampType.withZone()),
        NestedField.optional(id++, DURATION_SECONDS, Types.DoubleType.get()),
        NestedField.optional(id++, "rows_in", Types.LongType.get()),
        NestedField.optional(id++, "rows_out", Types.LongType.get()),
        NestedField.optional(id++, "dead_letters", Types.LongType.get()),
        NestedField.optional(id++, "files_written", Types.LongType.get()),
        NestedField.optional(id++, "bytes_written", Types.LongType.get()),
        NestedField.optional(id++, "freshness_p50_ms", Types.LongType.get()),
        NestedField.optional(id++, "freshness_p99_ms", Types.LongType.get()),
        NestedField.optional(id++, "freshness_max_ms", Types.LongType.get()),
        NestedField.optional(id++, ProcessAttribute.SOURCE_URI.key(), Types.StringType.get()),
        NestedField.optional(id++, ProcessAttribute.TABLE_NAME.key(), Types.StringType.get()),
        NestedField.optional(id++, ProcessAttribute.OFFSETS.key(), Types.StringType.get()),
        NestedField.optional(id++, ProcessAttribute.ERROR_CLASS.key(), Types.StringType.get()),
        NestedField.optional(id++, ProcessAttribute.REASON.key(), Types.StringType.get()),
        NestedField.optional(id++, EVENT_PARTITION, Types.IntegerType.get()),
        NestedField.optional(id++, EVENT_OFFSET, Types.LongType.get()),
        NestedField.optional(id++, LOGGED_AT, Types.TimestampType.withZone()));
  }

  public static Table ensure(Catalog catalog) {
    Schema schema = schema();
    return RawTableCatalog.ensureTable(
        catalog,
        IDENTIFIER,
        schema,
        PartitionSpec.builderFor(schema).day(STARTED_AT).build(),
        SortOrder.builderFor(schema).asc(JOB).asc(STARTED_AT).build(),
        Map.of());
  }

  /** The row of an event read from {@code partition} at {@code offset}. */
  public static GenericRecord row(
      Schema schema, ProcessEvent event, int partition, long offset, OffsetDateTime loggedAt) {
    GenericRecord row = GenericRecord.create(schema);
    row.setField(EVENT_ID, event.eventId());
    row.setField(RUN_ID, event.runId());
    row.setField(PARENT_RUN_ID, event.parentRunId());
    row.setField(JOB, event.job().name());
    row.setField(JOB_KIND, event.job().kind().name());
    row.setField(LAYER, event.job().layer());
    row.setField(STATUS, event.status().name());
    row.setField(STARTED_AT, event.startedAt().atOffset(ZoneOffset.UTC));
    row.setField(
        ENDED_AT, event.endedAt() == null ? null : event.endedAt().atOffset(ZoneOffset.UTC));
    row.setField(DURATION_SECONDS, event.durationSeconds().orElse(null));
    row.setField("rows_in", event.counters().rowsIn());
    row.setField("rows_out", event.counters().rowsOut());
    row.setField("dead_letters", event.counters().deadLetters());
    row.setField("files_written", event.counters().filesWritten());
    row.setField("bytes_written", event.counters().bytesWritten());
    if (event.freshness() != null) {
      row.setField("freshness_p50_ms", event.freshness().p50Millis());
      row.setField("freshness_p99_ms", event.freshness().p99Millis());
      row.setField("freshness_max_ms", event.freshness().maxMillis());
    }
    event.attributes().forEach((attribute, value) -> row.setField(attribute.key(), value));
    row.setField(EVENT_PARTITION, partition);
    row.setField(EVENT_OFFSET, offset);
    row.setField(LOGGED_AT, loggedAt);
    return row;
  }
}
