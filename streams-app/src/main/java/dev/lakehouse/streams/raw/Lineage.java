package dev.lakehouse.streams.raw;

/**
 * Where a raw row came from: its Kafka coordinates and, from the ingestor's headers, the source
 * file and line (null for records that did not come from a file).
 */
public record Lineage(
    String topic,
    int partition,
    long offset,
    long kafkaTimestampMillis,
    String sourceUri,
    Long sourceLine) {}
