package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.contract.Dataset;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Files;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoded-row writer against Iceberg's generic Parquet writer, the reference: the same rows,
 * read back by Iceberg's reader, must be equal value for value, and the files' metrics (counts, NaN
 * counts, bounds) must be the same, for every type of every raw table, with nulls, lineage and a
 * column the contract does not fill yet.
 */
class EncodedRawRowParquetWriterTest {
  private static final long INGESTED_MICROS = 1_764_000_000_123_456L;

  @TempDir Path dir;

  private static final Map<Dataset, List<String>> SAMPLES =
      Map.of(
          Dataset.ORDER,
              List.of(
                  "{\"cpf\":\"01234567890\",\"customer_id\":null,\"customer_name\":\"Zoë\",\"delivery_address_city\":\"FRANCA\","
                      + "\"delivery_address_latitude\":\"-47.39\",\"delivery_address_longitude\":-20.55,\"items\":\"[{\\\"name\\\":\\\"Açaí\\\"}]\","
                      + "\"merchant_id\":\"m-1\",\"merchant_timezone\":\"America/Sao_Paulo\",\"order_created_at\":\"2019-01-17T22:50:06.123456Z\","
                      + "\"order_id\":\"o-1\",\"order_scheduled\":false,\"order_scheduled_date\":null,\"order_total_amount\":46.0}",
                  "{\"order_id\":\"o-2\",\"merchant_id\":\"m-2\",\"order_created_at\":\"1969-12-31T23:59:59.999999Z\",\"delivery_address_latitude\":-0.0,"
                      + "\"order_scheduled\":true,\"order_scheduled_date\":\"2019-01-18T10:00:00Z\",\"order_total_amount\":\"-0.01\","
                      + "\"cpf\":\"\",\"items\":\"[]\"}",
                  "{\"order_id\":\"o-3\",\"merchant_id\":\"m-3\",\"order_created_at\":\"2019-01-17T00:00:00Z\",\"order_total_amount\":\"999999999999.99\"}"),
          Dataset.ORDER_STATUS,
              List.of(
                  "{\"created_at\":\"1969-12-31T23:59:59.500Z\",\"order_id\":\"o-1\",\"status_id\":\"s-1\",\"value\":\"PLACED\"}",
                  "{\"created_at\":\"2019-01-17T22:50:06Z\",\"order_id\":\"o-1\",\"status_id\":\"s-2\",\"value\":\"CONCLUDED\"}"),
          Dataset.CONSUMER,
              List.of(
                  "{\"customer_id\":\"c-1\",\"active\":\"true\",\"created_at\":\"2018-04-05T14:49:18.165Z\",\"customer_phone_number\":\"\"}",
                  "{\"customer_id\":\"c-2\",\"active\":false}"),
          Dataset.RESTAURANT,
              List.of(
                  "{\"id\":\"r-1\",\"price_range\":\"5\",\"average_ticket\":\"99999999999.99\",\"takeout_time\":\"-3\","
                      + "\"minimum_order_value\":\"-0.5\",\"enabled\":true}",
                  "{\"id\":\"r-2\",\"price_range\":1,\"average_ticket\":0,\"delivery_time\":\"2147483647\",\"created_at\":\"2017-01-23T12:52:30Z\"}"));

  @Test
  void everyRawTableIsWrittenAsIcebergsGenericWriterWritesIt() throws IOException {
    for (Dataset dataset : Dataset.values()) {
      Schema schema = RawTables.schema(dataset.contract());
      assertSameAsGenericWriter(dataset, schema, SAMPLES.get(dataset));
    }
  }

  @Test
  void columnsTheContractDoesNotFillYetAreNull() throws IOException {
    Schema evolved =
        TypeUtil.join(
            RawTables.schema(Dataset.ORDER_STATUS.contract()),
            new Schema(
                Types.NestedField.optional(5000, "added_later", Types.StringType.get()),
                Types.NestedField.optional(5001, "added_number", Types.LongType.get())));
    List<Record> read =
        assertSameAsGenericWriter(Dataset.ORDER_STATUS, evolved, SAMPLES.get(Dataset.ORDER_STATUS));
    assertThat(read)
        .allSatisfy(
            r -> {
              assertThat(r.getField("added_later")).isNull();
              assertThat(r.getField("added_number")).isNull();
              assertThat(r.getField("order_id")).isEqualTo("o-1");
            });
  }

  @Test
  void aRequiredColumnWithoutAValueIsRefused() throws IOException {
    Schema schema = RawTables.schema(Dataset.ORDER_STATUS.contract());
    Schema stricter =
        new Schema(
            schema.columns().stream()
                .map(
                    f ->
                        f.name().equals("status_id")
                            ? Types.NestedField.required(f.fieldId(), f.name(), f.type())
                            : f)
                .toList());
    RawRowCodec codec = new RawRowCodec(Dataset.ORDER_STATUS.contract());
    Object[] values = new Object[codec.fields().size()];
    values[codec.fields().indexOf("order_id")] = "o-1";
    EncodedRawRow row =
        new EncodedRawRow(Dataset.ORDER_STATUS.contract(), stricter, codec.fields());
    row.load(codec.encode(values, new Lineage("t", 0, 1, 2, null, null)), INGESTED_MICROS);
    try (DataWriter<EncodedRawRow> writer =
        Parquet.writeData(Files.localOutput(new File(dir.toFile(), "strict.parquet")))
            .schema(stricter)
            .withSpec(PartitionSpec.unpartitioned())
            .createWriterFunc(type -> new EncodedRawRowParquetWriter(stricter, type))
            .overwrite()
            .build()) {
      assertThatThrownBy(() -> writer.write(row)).hasMessageContaining("required column");
    }
  }

  @Test
  void aDecimalLongerThanItsColumnIsRefusedNotCutShort() throws IOException {
    Schema schema = RawTables.schema(Dataset.ORDER.contract());
    RawRowCodec codec = new RawRowCodec(Dataset.ORDER.contract());
    EncodedRawRow row = new EncodedRawRow(Dataset.ORDER.contract(), schema, codec.fields());
    // decimal(14, 2) is stored as a 64-bit integer: 10^30 was once written cut to its low 8 bytes.
    // Now the write
    // fails, which fails the writer's batch: its file is never committed (RowFit keeps such rows
    // from coming here)
    row.load(
        codec.encode(
            RowFitTest.order("order_total_amount", new java.math.BigDecimal("1E30")),
            new Lineage("t", 0, 1, 2, null, null)),
        INGESTED_MICROS);
    DataWriter<EncodedRawRow> writer =
        Parquet.writeData(Files.localOutput(new File(dir.toFile(), "backstop.parquet")))
            .schema(schema)
            .withSpec(PartitionSpec.unpartitioned())
            .createWriterFunc(type -> new EncodedRawRowParquetWriter(schema, type))
            .overwrite()
            .build();
    assertThatThrownBy(() -> writer.write(row)).hasMessageContaining("does not fit 64-bit column");
  }

  private List<Record> assertSameAsGenericWriter(Dataset dataset, Schema schema, List<String> jsons)
      throws IOException {
    RawRowCodec codec = new RawRowCodec(dataset.contract());
    RawRecordParser parser = new RawRecordParser(dataset.contract());
    List<byte[]> encoded = new ArrayList<>();
    List<Record> expected = new ArrayList<>();
    for (int i = 0; i < jsons.size(); i++) {
      ParseResult result = parser.parse(jsons.get(i).getBytes(StandardCharsets.UTF_8));
      assertThat(result).as(jsons.get(i)).isInstanceOf(ParseResult.Parsed.class);
      Lineage lineage =
          new Lineage(
              dataset.topic(),
              i,
              1_000L + i,
              1_700_000_000_123L + i,
              i % 2 == 0 ? "s3://landing/x-" + i + ".json.gz" : null,
              i % 2 == 0 ? (long) i + 1 : null);
      byte[] bytes = codec.encode(((ParseResult.Parsed) result).values(), lineage);
      encoded.add(bytes);
      expected.add(genericRecord(schema, codec, codec.decode(bytes)));
    }

    File ours = new File(dir.toFile(), dataset + "-" + schema.columns().size() + "-ours.parquet");
    EncodedRawRow row = new EncodedRawRow(dataset.contract(), schema, codec.fields());
    DataWriter<EncodedRawRow> writer =
        Parquet.writeData(Files.localOutput(ours))
            .schema(schema)
            .metricsConfig(MetricsConfig.getDefault())
            .withSpec(PartitionSpec.unpartitioned())
            .createWriterFunc(type -> new EncodedRawRowParquetWriter(schema, type))
            .overwrite()
            .build();
    try (writer) {
      for (byte[] bytes : encoded) {
        row.load(bytes, INGESTED_MICROS);
        writer.write(row);
      }
    }
    File reference =
        new File(dir.toFile(), dataset + "-" + schema.columns().size() + "-generic.parquet");
    DataWriter<Record> generic =
        Parquet.writeData(Files.localOutput(reference))
            .schema(schema)
            .metricsConfig(MetricsConfig.getDefault())
            .withSpec(PartitionSpec.unpartitioned())
            .createWriterFunc(GenericParquetWriter::create)
            .overwrite()
            .build();
    try (generic) {
      expected.forEach(generic::write);
    }

    List<Record> read = read(ours, schema);
    assertThat(read).as(dataset + " read back").containsExactlyElementsOf(read(reference, schema));
    assertThat(read).as(dataset + " as written").containsExactlyElementsOf(expected);
    DataFile oursFile = writer.toDataFile();
    DataFile genericFile = generic.toDataFile();
    assertThat(oursFile.recordCount()).isEqualTo(jsons.size());
    assertThat(oursFile.valueCounts()).isEqualTo(genericFile.valueCounts());
    assertThat(oursFile.nullValueCounts()).isEqualTo(genericFile.nullValueCounts());
    assertThat(oursFile.nanValueCounts()).isEqualTo(genericFile.nanValueCounts());
    assertThat(oursFile.lowerBounds()).isEqualTo(genericFile.lowerBounds());
    assertThat(oursFile.upperBounds()).isEqualTo(genericFile.upperBounds());
    return read;
  }

  /**
   * The row as the generic writer takes it: contract fields by name, the lineage columns, nulls
   * elsewhere.
   */
  private static Record genericRecord(Schema schema, RawRowCodec codec, RawRowCodec.RawRow row) {
    GenericRecord record = GenericRecord.create(schema);
    for (int i = 0; i < codec.fields().size(); i++) {
      if (schema.findField(codec.fields().get(i)) != null) {
        record.setField(codec.fields().get(i), row.values()[i]);
      }
    }
    Lineage lineage = row.lineage();
    record.setField(RawTables.SOURCE_TOPIC, lineage.topic());
    record.setField(RawTables.SOURCE_PARTITION, lineage.partition());
    record.setField(RawTables.SOURCE_OFFSET, lineage.offset());
    record.setField(
        RawTables.KAFKA_TIMESTAMP,
        OffsetDateTime.ofInstant(
            Instant.ofEpochMilli(lineage.kafkaTimestampMillis()), ZoneOffset.UTC));
    record.setField(
        RawTables.INGESTED_AT,
        OffsetDateTime.ofInstant(
            Instant.ofEpochSecond(
                INGESTED_MICROS / 1_000_000, (INGESTED_MICROS % 1_000_000) * 1_000),
            ZoneOffset.UTC));
    record.setField(RawTables.SOURCE_URI, lineage.sourceUri());
    record.setField(RawTables.SOURCE_LINE, lineage.sourceLine());
    return record;
  }

  private static List<Record> read(File file, Schema schema) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records =
        Parquet.read(Files.localInput(file))
            .project(schema)
            .createReaderFunc(type -> GenericParquetReaders.buildReader(schema, type))
            .build()) {
      records.forEach(rows::add);
    }
    return rows;
  }
}
