package dev.lakehouse.ingest.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Decides which lines of a file are replaced by bad ones: one random line in each consecutive block
 * of {@code 1 / badRate} lines (so the share is badRate, spread evenly, and exact up to one line),
 * the kinds taken in a fresh random order every round so all kinds come in equal numbers.
 */
final class BadLineSchedule {
  private final double rate;
  private final SplittableRandom random;
  private final BadLineKind[] kinds;
  private long line;
  private long block;
  private long nextBadLine = -1;
  private int kindCursor;

  BadLineSchedule(double rate, SplittableRandom random, List<BadLineKind> kinds) {
    this.rate = rate;
    this.random = random;
    this.kinds = kinds.toArray(BadLineKind[]::new);
    this.kindCursor = this.kinds.length;
    if (rate > 0 && !kinds.isEmpty()) {
      nextBadLine = pickLine(0);
    }
  }

  /** The kind of bad line to write in place of the next line, or null for a good one. */
  BadLineKind next() {
    long current = line++;
    if (current != nextBadLine) {
      return null;
    }
    block++;
    nextBadLine = pickLine(block);
    if (kindCursor == kinds.length) {
      for (int i = kinds.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        BadLineKind swap = kinds[i];
        kinds[i] = kinds[j];
        kinds[j] = swap;
      }
      kindCursor = 0;
    }
    return kinds[kindCursor++];
  }

  private long pickLine(long blockIndex) {
    long start = (long) Math.floor(blockIndex / rate);
    long end = (long) Math.floor((blockIndex + 1) / rate);
    return start + random.nextLong(Math.max(1, end - start));
  }
}
