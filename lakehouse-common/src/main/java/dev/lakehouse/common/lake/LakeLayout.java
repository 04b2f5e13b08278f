package dev.lakehouse.common.lake;

import dev.lakehouse.common.contract.DatasetContract;

/**
 * Where the Streams app puts what, as every reader of the lake must name it: the namespaces, the
 * raw tables and their lineage columns, and the dead-letter table's columns. The Streams app builds
 * its tables from these names; the nightly job's checks read by them.
 */
public final class LakeLayout {
  private LakeLayout() {}

  public static final String RAW_NAMESPACE = "raw";
  public static final String TRUSTED_NAMESPACE = "trusted";
  public static final String DEAD_LETTERS_TABLE = "dead_letters";

  /** The pipeline's own runs: the process log, and the measure step's star schema. */
  public static final String OPS_NAMESPACE = "ops";

  public static final String PROCESS_LOG_TABLE = "process_log";

  /**
   * The catalog name that Athena-style SQL uses for the lake ({@code
   * awsdatacatalog.trusted.order}): Athena's default, and the name the local Trino gives its
   * catalog, so that the views' Trino dialect and the docs' queries run unchanged on both.
   */
  public static final String QUERY_CATALOG = "awsdatacatalog";

  /** A raw table's lineage: the source record's topic, partition, offset and Kafka timestamp. */
  public static final String SOURCE_TOPIC = "_source_topic";

  public static final String SOURCE_PARTITION = "_source_partition";
  public static final String SOURCE_OFFSET = "_source_offset";
  public static final String KAFKA_TIMESTAMP = "_kafka_timestamp";

  /** The dead-letter table's columns: the stage that refused the record, and where it came from. */
  public static final String LETTER_STAGE = "stage";

  public static final String LETTER_SOURCE_TOPIC = "source_topic";
  public static final String LETTER_SOURCE_PARTITION = "source_partition";
  public static final String LETTER_SOURCE_OFFSET = "source_offset";

  /** The topic the letter itself was read from: {@code dlq.<stage>}, or a rows topic (writer). */
  public static final String LETTER_DLQ_TOPIC = "_dlq_topic";

  /** The stage of the letters the raw stage makes of source records it refuses. */
  public static final String RAW_STAGE = "raw";

  /** The stage of the letters the Iceberg writer makes of rows their table cannot hold. */
  public static final String WRITER_STAGE = "writer";

  /** The raw table of a dataset, {@code raw.<dataset>}, as {@code namespace.table}. */
  public static String rawTable(DatasetContract dataset) {
    return RAW_NAMESPACE + "." + dataset.name();
  }

  /** The dead-letter table, as {@code namespace.table}. */
  public static String deadLetterTable() {
    return RAW_NAMESPACE + "." + DEAD_LETTERS_TABLE;
  }
}
