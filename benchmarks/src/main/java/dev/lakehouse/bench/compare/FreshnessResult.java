package dev.lakehouse.bench.compare;

/**
 * What one freshness run of a table writer measured: the runner started at the end of the source
 * topics, warmed up, and then took a live load at a fixed rate.
 *
 * @param liveRecords records the live load produced
 * @param landedRows rows its tables held afterwards; equal to {@code liveRecords} when none was
 *     lost or doubled
 * @param freshnessMillis for every live record: its snapshot's commit time minus its Kafka
 *     timestamp, sorted
 */
record FreshnessResult(
    String runner,
    int run,
    long liveRecords,
    long landedRows,
    long snapshots,
    long dataFiles,
    long[] freshnessMillis) {}
