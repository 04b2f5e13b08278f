package dev.lakehouse.streams.deadletter;

import dev.lakehouse.common.lake.LakeLayout;
import dev.lakehouse.streams.raw.RawTableCatalog;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * {@code raw.dead_letters}: every dead letter of every stage (ingest, raw, trusted, and the Iceberg
 * writer's own), queryable. A row keeps the reason, the source coordinates (file and line; topic,
 * partition and offset for records that reached a source topic) and the original bytes, plus the
 * dead letter's own Kafka coordinates, which make it unique. Partitioned by month: dead letters are
 * few, a finer partitioning would only make small files.
 */
public final class DeadLetterTable {
  public static final TableIdentifier IDENTIFIER =
      TableIdentifier.of(RawTableCatalog.NAMESPACE, LakeLayout.DEAD_LETTERS_TABLE);

  /**
   * The stage of the dead letters the Iceberg writer itself makes, of rows their table cannot hold.
   */
  public static final String WRITER_STAGE = LakeLayout.WRITER_STAGE;

  public static final String STAGE = LakeLayout.LETTER_STAGE;
  public static final String DATASET = "dataset";
  public static final String REASON = "reason";
  public static final String DETAIL = "detail";
  public static final String PAYLOAD = "payload";
  public static final String SOURCE_URI = "source_uri";
  public static final String SOURCE_LINE = "source_line";
  public static final String SOURCE_TOPIC = LakeLayout.LETTER_SOURCE_TOPIC;
  public static final String SOURCE_PARTITION = LakeLayout.LETTER_SOURCE_PARTITION;
  public static final String SOURCE_OFFSET = LakeLayout.LETTER_SOURCE_OFFSET;
  public static final String DEAD_LETTERED_AT = "dead_lettered_at";
  public static final String ORIGINAL_LENGTH = "original_length";
  public static final String ORIGINAL_OFFSET = "original_offset";
  public static final String ORIGINAL_SHA256 = "original_sha256";
  public static final String DLQ_TOPIC = LakeLayout.LETTER_DLQ_TOPIC;
  public static final String DLQ_PARTITION = "_dlq_partition";
  public static final String DLQ_OFFSET = "_dlq_offset";
  public static final String INGESTED_AT = "_ingested_at";

  private DeadLetterTable() {}

  public static Schema schema() {
    return new Schema(
        NestedField.required(
            1,
            STAGE,
            Types.StringType.get(),
            "ingest, raw, trusted or writer: the stage that refused the record"),
        NestedField.optional(
            2, DATASET, Types.StringType.get(), "the dataset the record was meant for"),
        NestedField.required(
            3, REASON, Types.StringType.get(), "why it was refused, e.g. malformed-json"),
        NestedField.optional(4, DETAIL, Types.StringType.get(), "what exactly was wrong"),
        NestedField.optional(
            5,
            PAYLOAD,
            Types.BinaryType.get(),
            "the original bytes (null when the record had none)"),
        NestedField.optional(6, SOURCE_URI, Types.StringType.get(), "the source file"),
        NestedField.optional(7, SOURCE_LINE, Types.LongType.get(), "the line in the source file"),
        NestedField.optional(
            8, SOURCE_TOPIC, Types.StringType.get(), "the source topic (raw stage)"),
        NestedField.optional(
            9, SOURCE_PARTITION, Types.IntegerType.get(), "the source partition (raw stage)"),
        NestedField.optional(
            10, SOURCE_OFFSET, Types.LongType.get(), "the source offset (raw stage)"),
        NestedField.required(
            11, DEAD_LETTERED_AT, Types.TimestampType.withZone(), "when the record was refused"),
        // added later: a table made by an earlier version gains them, nullable, at start-up
        // (ensureTable)
        NestedField.optional(
            12,
            ORIGINAL_LENGTH,
            Types.LongType.get(),
            "the record's length in bytes, when payload holds only its first part"),
        NestedField.optional(
            13,
            ORIGINAL_OFFSET,
            Types.LongType.get(),
            "the record's byte offset in its (decompressed) source file"),
        NestedField.optional(
            14,
            ORIGINAL_SHA256,
            Types.StringType.get(),
            "the SHA-256 (lowercase hex) of all of the record"),
        NestedField.required(1000, DLQ_TOPIC, Types.StringType.get()),
        NestedField.required(1001, DLQ_PARTITION, Types.IntegerType.get()),
        NestedField.required(1002, DLQ_OFFSET, Types.LongType.get()),
        NestedField.required(1003, INGESTED_AT, Types.TimestampType.withZone()));
  }

  /**
   * The latest {@value #DEAD_LETTERED_AT} kept; a later Kafka timestamp (any producer can set one)
   * is taken as this.
   */
  static final Instant LATEST_DEAD_LETTERED_AT = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * {@value #DEAD_LETTERED_AT} for a record of Kafka timestamp {@code millis}, within the years
   * 1970 to 9999, which a column of microseconds and its month partition always hold: a dead letter
   * must never be one itself.
   */
  public static OffsetDateTime deadLetteredAt(long millis) {
    Instant at = Instant.ofEpochMilli(Math.max(0, millis));
    return OffsetDateTime.ofInstant(
        at.isAfter(LATEST_DEAD_LETTERED_AT) ? LATEST_DEAD_LETTERED_AT : at, ZoneOffset.UTC);
  }

  public static Table ensure(Catalog catalog) {
    Schema schema = schema();
    return RawTableCatalog.ensureTable(
        catalog,
        IDENTIFIER,
        schema,
        PartitionSpec.builderFor(schema).month(DEAD_LETTERED_AT).build(),
        SortOrder.builderFor(schema).asc(STAGE).asc(DATASET).asc(REASON).build(),
        Map.of());
  }
}
