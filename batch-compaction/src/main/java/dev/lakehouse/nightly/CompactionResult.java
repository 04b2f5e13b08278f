package dev.lakehouse.nightly;

/** What compacting one table did, with the table's shape before and after. */
record CompactionResult(
    String table,
    long rowsBefore,
    long rowsAfter,
    long dataFilesBefore,
    long dataFilesAfter,
    long rewrittenDataFiles,
    long addedDataFiles,
    long rewrittenBytes) {

  String toJson() {
    return "{\"table\":\""
        + table
        + "\",\"rowsBefore\":"
        + rowsBefore
        + ",\"rowsAfter\":"
        + rowsAfter
        + ",\"dataFilesBefore\":"
        + dataFilesBefore
        + ",\"dataFilesAfter\":"
        + dataFilesAfter
        + ",\"rewrittenDataFiles\":"
        + rewrittenDataFiles
        + ",\"addedDataFiles\":"
        + addedDataFiles
        + ",\"rewrittenBytes\":"
        + rewrittenBytes
        + "}";
  }
}
