package dev.lakehouse.nightly.measure;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.common.measure.ProcessStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The measure step's Spark SQL: the star schema's tables, and the statements that add what the
 * process log holds and the schema does not yet, each keyed so that a re-run adds nothing twice.
 * Pure: it only writes SQL.
 *
 * <ul>
 *   <li>{@code dim_date}: one row per second a run started or ended in, keyed {@code
 *       yyyyMMddHHmmss} (UTC), with its parts, weekday and the Brazilian local date and hour;
 *   <li>{@code dim_job}: each job, keyed by a 64-bit hash of its name, with its kind and layer;
 *   <li>{@code dim_status}: the run statuses;
 *   <li>{@code fact_process}: one row per ended run (its first end event), keyed by run id, with
 *       its date, job and status keys, {@code duration_in_seconds} and its counters.
 * </ul>
 */
public final class MeasureSql {
  public static final String NAMESPACE = "measure";
  public static final String DIM_DATE = NAMESPACE + ".dim_date";
  public static final String DIM_JOB = NAMESPACE + ".dim_job";
  public static final String DIM_STATUS = NAMESPACE + ".dim_status";
  public static final String FACT_PROCESS = NAMESPACE + ".fact_process";

  /** The local time of the design's restaurants: where "a day" and "an hour" are read. */
  public static final String LOCAL_ZONE = "America/Sao_Paulo";

  public static final String PROCESS_LOG =
      LakeLayout.OPS_NAMESPACE + "." + LakeLayout.PROCESS_LOG_TABLE;

  /** Temporary views the statements read, made fresh by {@link #sources()}. */
  public static final String ENDS = "measure_ends";

  static final String FACTS = "measure_facts";
  static final String DATES = "measure_dates";
  static final String JOBS = "measure_jobs";
  static final String STATUSES = "measure_statuses";

  private MeasureSql() {}

  /** Creates the namespace and the four tables where they do not exist. */
  public static List<String> tables() {
    return List.of(
        "CREATE NAMESPACE IF NOT EXISTS " + NAMESPACE,
        "CREATE TABLE IF NOT EXISTS "
            + DIM_DATE
            + " (date_key BIGINT, second_at TIMESTAMP, year INT, month INT, day INT,"
            + " hour INT, minute INT, second INT, weekday STRING, local_date DATE, local_hour INT)"
            + " USING iceberg",
        "CREATE TABLE IF NOT EXISTS "
            + DIM_JOB
            + " (job_key BIGINT, job STRING, kind STRING, layer STRING) USING iceberg",
        "CREATE TABLE IF NOT EXISTS "
            + DIM_STATUS
            + " (status_key INT, status STRING, ended BOOLEAN, succeeded BOOLEAN)"
            + " USING iceberg",
        "CREATE TABLE IF NOT EXISTS "
            + FACT_PROCESS
            + " (run_id STRING, parent_run_id STRING, job_key BIGINT, status_key INT,"
            + " start_date_key BIGINT, end_date_key BIGINT, started_at TIMESTAMP,"
            + " ended_at TIMESTAMP, duration_in_seconds DOUBLE, rows_in BIGINT, rows_out BIGINT,"
            + " dead_letters BIGINT, files_written BIGINT, bytes_written BIGINT,"
            + " freshness_p50_ms BIGINT, freshness_p99_ms BIGINT, freshness_max_ms BIGINT,"
            + " source_uri STRING, table_name STRING)"
            + " USING iceberg PARTITIONED BY (days(started_at))");
  }

  /** The temporary views of what the process log holds, in the schema's shapes. */
  public static List<String> sources() {
    List<String> statements = new ArrayList<>();
    statements.add(
        "CREATE OR REPLACE TEMPORARY VIEW "
            + ENDS
            + " AS SELECT * FROM (SELECT l.*, row_number() OVER (PARTITION BY run_id"
            + " ORDER BY _event_partition, _event_offset) AS end_rank FROM "
            + PROCESS_LOG
            + " l WHERE status <> '"
            + ProcessStatus.STARTED.name()
            + "' AND ended_at IS NOT NULL) WHERE end_rank = 1");
    statements.add(
        "CREATE OR REPLACE TEMPORARY VIEW "
            + FACTS
            + " AS SELECT run_id, parent_run_id, xxhash64(job) AS job_key, s.status_key,"
            + " "
            + dateKey("started_at")
            + " AS start_date_key, "
            + dateKey("ended_at")
            + " AS end_date_key, started_at, ended_at, duration_seconds AS duration_in_seconds,"
            + " rows_in, rows_out, dead_letters, files_written, bytes_written, freshness_p50_ms,"
            + " freshness_p99_ms, freshness_max_ms, source_uri, table_name FROM "
            + ENDS
            + " e JOIN "
            + STATUSES
            + " s ON e.status = s.status");
    statements.add(0, statusesView());
    statements.add(
        "CREATE OR REPLACE TEMPORARY VIEW "
            + DATES
            + " AS SELECT "
            + dateKey("second_at")
            + " AS date_key, second_at, year(second_at) AS year, month(second_at) AS month,"
            + " day(second_at) AS day, hour(second_at) AS hour, minute(second_at) AS minute,"
            + " second(second_at) AS second, date_format(second_at, 'EEEE') AS weekday,"
            + " to_date(from_utc_timestamp(second_at, '"
            + LOCAL_ZONE
            + "')) AS local_date, hour(from_utc_timestamp(second_at, '"
            + LOCAL_ZONE
            + "')) AS local_hour FROM (SELECT date_trunc('SECOND', started_at) AS second_at FROM "
            + ENDS
            + " UNION SELECT date_trunc('SECOND', ended_at) FROM "
            + ENDS
            + ")");
    statements.add(
        "CREATE OR REPLACE TEMPORARY VIEW "
            + JOBS
            + " AS SELECT xxhash64(job) AS job_key, job, first(job_kind) AS kind,"
            + " first(layer) AS layer FROM "
            + ENDS
            + " GROUP BY job");
    return statements;
  }

  /** The statuses, keyed by their order in {@link ProcessStatus}. */
  private static String statusesView() {
    List<String> rows = new ArrayList<>();
    for (ProcessStatus status : ProcessStatus.values()) {
      rows.add(
          "("
              + status.ordinal()
              + ", '"
              + status.name()
              + "', "
              + status.ended()
              + ", "
              + (status == ProcessStatus.SUCCEEDED)
              + ")");
    }
    return "CREATE OR REPLACE TEMPORARY VIEW "
        + STATUSES
        + " AS SELECT * FROM VALUES "
        + String.join(", ", rows)
        + " AS t(status_key, status, ended, succeeded)";
  }

  /** A table of the schema and the source view that feeds it, with the key they join on. */
  public record Load(String table, String source, String key) {
    /** How many rows of the source the table lacks. */
    public String countNew() {
      return "SELECT count(*) FROM "
          + source
          + " s LEFT ANTI JOIN "
          + table
          + " t ON s."
          + key
          + " = t."
          + key;
    }

    /** Adds them: a row whose key the table holds is left as it is. */
    public String merge() {
      return "MERGE INTO "
          + table
          + " t USING "
          + source
          + " s ON t."
          + key
          + " = s."
          + key
          + " WHEN NOT MATCHED THEN INSERT *";
    }
  }

  /** The loads, dimensions before the fact. */
  public static List<Load> loads() {
    return List.of(
        new Load(DIM_STATUS, STATUSES, "status_key"),
        new Load(DIM_JOB, JOBS, "job_key"),
        new Load(DIM_DATE, DATES, "date_key"),
        new Load(FACT_PROCESS, FACTS, "run_id"));
  }

  private static String dateKey(String column) {
    return "CAST(date_format(" + column + ", 'yyyyMMddHHmmss') AS BIGINT)";
  }
}
