package dev.lakehouse.nightly.validation;

import java.math.BigInteger;
import java.util.BitSet;

/**
 * The records of one source partition that a completeness check compares the lake with: those from
 * {@code from} (the partition's earliest offset) up to {@code to}, exclusive, where {@code to} is
 * the app's committed offset or the first record too recent to have settled.
 *
 * @param records how many records lie in the range (transaction markers take offsets too)
 * @param offsets the records' offsets, less {@code from}
 */
record SourceRange(int partition, long from, long to, long records, BitSet offsets) {

  /**
   * The sum of the records' offsets and of their squares: with the count, the set's fingerprint.
   */
  OffsetSums sums() {
    BigInteger sum = BigInteger.ZERO;
    BigInteger squares = BigInteger.ZERO;
    for (int bit = offsets.nextSetBit(0); bit >= 0; bit = offsets.nextSetBit(bit + 1)) {
      BigInteger offset = BigInteger.valueOf(from + bit);
      sum = sum.add(offset);
      squares = squares.add(offset.multiply(offset));
    }
    return new OffsetSums(records, sum, squares);
  }

  /** A count of distinct offsets, their sum and the sum of their squares. */
  record OffsetSums(long count, BigInteger sum, BigInteger squares) {}
}
