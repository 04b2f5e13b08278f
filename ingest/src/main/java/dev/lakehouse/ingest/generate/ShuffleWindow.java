package dev.lakehouse.ingest.generate;

import java.util.SplittableRandom;

/**
 * Shuffles a stream of lines within a sliding window: each line leaves at a random time among the
 * held ones.
 */
final class ShuffleWindow {
  private final String[] slots;
  private final SplittableRandom random;
  private int size;

  ShuffleWindow(int capacity, SplittableRandom random) {
    this.slots = new String[capacity];
    this.random = random;
  }

  /**
   * Holds {@code line}; once the window is full, returns a random held line to write now (else
   * null).
   */
  String push(String line) {
    if (size < slots.length) {
      slots[size++] = line;
      return null;
    }
    int index = random.nextInt(size);
    String out = slots[index];
    slots[index] = line;
    return out;
  }

  /** A random remaining line, or null when empty: call until null at the end. */
  String poll() {
    if (size == 0) {
      return null;
    }
    int index = random.nextInt(size);
    String out = slots[index];
    slots[index] = slots[--size];
    slots[size] = null;
    return out;
  }
}
