package dev.lakehouse.streams.topology;

import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.DeadLetterTopics;

/** Topics the raw stage writes. */
public final class RawTopics {
  /** Records that failed parsing or validation, with reason, source coordinates and original bytes. */
  public static final String DEAD_LETTERS = DeadLetterTopics.RAW;

  private RawTopics() {}

  /** Validated source records of a dataset, bound for its raw table, e.g. {@code raw.rows.order}. */
  public static String rows(DatasetContract dataset) {
    return "raw.rows." + dataset.name();
  }
}
