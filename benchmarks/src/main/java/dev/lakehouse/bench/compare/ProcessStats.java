package dev.lakehouse.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap and peak resident memory of a child JVM, without sampling it: the heap from its GC log
 * (the heap in use just before each collection is a local peak) and the RSS high-water mark from
 * {@code /proc/<pid>/status}, read while the process still runs.
 */
final class ProcessStats {
  private static final Pattern GC_LINE =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private ProcessStats() {}

  /** The JVM option that writes the GC log {@link #peakHeapBytes} reads. */
  static String gcLogOption(Path file) {
    return "-Xlog:gc:file=" + file;
  }

  /**
   * The largest heap in use before (or after) any collection in the log; 0 when the log is missing
   * or empty.
   */
  static long peakHeapBytes(Path gcLog) {
    if (!Files.exists(gcLog)) {
      return 0;
    }
    long peak = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = GC_LINE.matcher(line);
        if (m.find()) {
          peak =
              Math.max(
                  peak, Math.max(bytes(m.group(1), m.group(2)), bytes(m.group(3), m.group(4))));
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return peak;
  }

  /**
   * The process's peak resident set (VmHWM) in bytes; -1 when it cannot be read (the process ended,
   * or no /proc).
   */
  static long peakRssBytes(long pid) {
    try {
      List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
      for (String line : status) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static long bytes(String amount, String unit) {
    long value = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> value * 1024;
      case "M" -> value * 1024 * 1024;
      default -> value * 1024 * 1024 * 1024;
    };
  }
}
