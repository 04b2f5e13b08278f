package dev.lakehouse.nightly.maintenance;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 MB}, {@code 37.9 KB}. */
public final class Sizes {
  private Sizes() {}

  public static String readable(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / (double) (1L << 10));
    }
    return bytes + " B";
  }
}
