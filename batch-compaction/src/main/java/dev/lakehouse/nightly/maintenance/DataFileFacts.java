package dev.lakehouse.nightly.maintenance;

/** One live data file as the compaction plan sees it: its partition, size and delete files. */
record DataFileFacts(String partition, long bytes, int deleteFiles) {}
