package dev.lakehouse.streams.trusted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.measure.ProcessEvent;
import dev.lakehouse.testing.ProcessEvents;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The measure step's star schema against the process events, computed here in Java: one fact per
 * ended run (its first end event), with that run's job, status, dates, duration and counters, and
 * every key it names in its dimension.
 */
final class MeasureChecks {
  private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final ZoneId LOCAL = ZoneId.of("America/Sao_Paulo");

  private MeasureChecks() {}

  /** Returns the number of facts. */
  static int assertTheStarSchemaHoldsEveryEndedRun(Catalog catalog, String bootstrapServers)
      throws IOException {
    Map<String, ProcessEvent> ends = new LinkedHashMap<>();
    for (ProcessEvent event : ProcessEvents.read(bootstrapServers)) {
      if (event.status().ended()) {
        ends.putIfAbsent(event.runId(), event);
      }
    }
    assertThat(ends).as("ended runs in the process events").isNotEmpty();

    Map<Long, Record> jobs = byKey(catalog, "dim_job", "job_key");
    Map<Integer, Record> statuses = new HashMap<>();
    byKey(catalog, "dim_status", "status_key")
        .values()
        .forEach(r -> statuses.put((Integer) r.getField("status_key"), r));
    Map<Long, Record> dates = byKey(catalog, "dim_date", "date_key");
    List<Record> facts = read(catalog, "fact_process");
    assertThat(statuses).as("dim_status").hasSize(4);

    Map<String, Record> factByRun = new HashMap<>();
    for (Record fact : facts) {
      assertThat(factByRun.put((String) fact.getField("run_id"), fact))
          .as("the fact of run %s twice", fact.getField("run_id"))
          .isNull();
    }
    assertThat(factByRun.keySet()).as("one fact per ended run").isEqualTo(ends.keySet());
    for (ProcessEvent end : ends.values()) {
      Record fact = factByRun.get(end.runId());
      Record job = jobs.get((Long) fact.getField("job_key"));
      assertThat(job).as("the job of run %s in dim_job", end.runId()).isNotNull();
      assertThat(job.getField("job")).isEqualTo(end.job().name());
      assertThat(job.getField("kind")).isEqualTo(end.job().kind().name());
      assertThat(job.getField("layer")).isEqualTo(end.job().layer());
      assertThat(statuses.get((Integer) fact.getField("status_key")).getField("status"))
          .isEqualTo(end.status().name());
      assertThat(fact.getField("duration_in_seconds"))
          .isEqualTo(end.durationSeconds().orElseThrow());
      assertThat(fact.getField("rows_out")).isEqualTo(end.counters().rowsOut());
      assertThat(fact.getField("dead_letters")).isEqualTo(end.counters().deadLetters());
      assertThat(fact.getField("parent_run_id")).isEqualTo(end.parentRunId());
      for (String column : List.of("start_date_key", "end_date_key")) {
        OffsetDateTime at =
            (column.startsWith("start") ? end.startedAt() : end.endedAt()).atOffset(ZoneOffset.UTC);
        long key = Long.parseLong(at.format(KEY));
        assertThat(fact.getField(column)).as("%s of run %s", column, end.runId()).isEqualTo(key);
        Record date = dates.get(key);
        assertThat(date).as("second %s in dim_date", key).isNotNull();
        assertThat(date.getField("local_date"))
            .as("the Brazilian date of %s", key)
            .isEqualTo(LocalDate.ofInstant(at.toInstant(), LOCAL));
        assertThat(date.getField("weekday"))
            .isEqualTo(
                at.getDayOfWeek()
                    .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));
      }
    }
    return facts.size();
  }

  private static <K> Map<K, Record> byKey(Catalog catalog, String table, String key)
      throws IOException {
    Map<K, Record> rows = new HashMap<>();
    for (Record row : read(catalog, table)) {
      @SuppressWarnings("unchecked")
      K value = (K) row.getField(key);
      assertThat(rows.put(value, row)).as("%s: key %s twice", table, value).isNull();
    }
    return rows;
  }

  private static List<Record> read(Catalog catalog, String table) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(catalog.loadTable(TableIdentifier.of("measure", table))).build()) {
      read.forEach(rows::add);
    }
    return rows;
  }
}
