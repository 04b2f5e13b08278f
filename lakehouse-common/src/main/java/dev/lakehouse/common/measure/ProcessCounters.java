package dev.lakehouse.common.measure;

/**
 * What a process run did, counted: rows read and written, dead letters, and data files and bytes
 * written. A run that has not ended reports what it has done so far (zero at its start).
 */
public record ProcessCounters(
    long rowsIn, long rowsOut, long deadLetters, long filesWritten, long bytesWritten) {
  public static final ProcessCounters NONE = new ProcessCounters(0, 0, 0, 0, 0);

  public ProcessCounters {
    if (rowsIn < 0 || rowsOut < 0 || deadLetters < 0 || filesWritten < 0 || bytesWritten < 0) {
      throw new IllegalArgumentException("a negative counter: " + this);
    }
  }

  public ProcessCounters plus(ProcessCounters other) {
    return new ProcessCounters(
        rowsIn + other.rowsIn,
        rowsOut + other.rowsOut,
        deadLetters + other.deadLetters,
        filesWritten + other.filesWritten,
        bytesWritten + other.bytesWritten);
  }
}
