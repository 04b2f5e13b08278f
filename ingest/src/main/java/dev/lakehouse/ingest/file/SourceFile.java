package dev.lakehouse.ingest.file;

import dev.lakehouse.common.contract.DatasetContract;

/**
 * A file to ingest: where it is, its size, and its fingerprint (the S3 ETag; on disk, size and
 * modification time), which tells whether a file ingested earlier has changed since.
 */
public record SourceFile(String uri, long size, String fingerprint, DatasetContract dataset) {}
