package dev.lakehouse.streams.codec;

/**
 * FNV-1a, 64 bits: a content fingerprint for "has this changed", chained over several parts by
 * passing the previous fingerprint as the seed. Not a security hash.
 */
public final class Fingerprint {
  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fingerprint() {}

  /** The fingerprint of {@code bytes}, continuing from {@code seed} (0: a fresh fingerprint). */
  public static long of(long seed, byte[] bytes) {
    return of(seed, bytes, 0, bytes.length);
  }

  /**
   * Like {@link #of(long, byte[])}, over {@code length} bytes of {@code bytes} from {@code offset}.
   */
  public static long of(long seed, byte[] bytes, int offset, int length) {
    long hash = seed == 0 ? OFFSET_BASIS : seed;
    for (int i = offset; i < offset + length; i++) {
      hash ^= bytes[i] & 0xFF;
      hash *= PRIME;
    }
    return hash;
  }
}
