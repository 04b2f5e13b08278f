package dev.lakehouse.common.measure;

import java.util.Locale;

/**
 * The only details a process event may carry besides its counters: names of things the lake owns (a
 * source URI, a table, Kafka offsets, an error's class). Free text such as an exception's message
 * never enters the log, as it may quote a record's content and with it personal data.
 */
public enum ProcessAttribute {
  /** The source file or API page a run read. */
  SOURCE_URI,
  /** The table a run wrote or maintained. */
  TABLE_NAME,
  /** The Kafka offsets a commit covered, as the writer's snapshot summary holds them. */
  OFFSETS,
  /** The class of the exception a failed run ended with, without its message. */
  ERROR_CLASS,
  /** A fixed reason code, for example a dead-letter reason or a skipped step's cause. */
  REASON;

  /** The key in the event's JSON: {@code source_uri}, {@code table_name}, … */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
