package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.streams.iceberg.CommitDecision;
import dev.lakehouse.streams.iceberg.OffsetRange;
import dev.lakehouse.streams.iceberg.TableCommitter;
import dev.lakehouse.testing.WithLocalStack;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Parsed rows → Parquet on the S3 server → one conditional commit → read back typed, with lineage.
 */
@WithLocalStack
class RawRowWriterIT {

  @Test
  void typedRowsWithLineageAreWrittenPartitionedAndCommittedOnce(LakehouseSettings settings)
      throws Exception {
    Catalog catalog = LakehouseCatalogs.open(settings);
    Table table = RawTableCatalog.ensure(catalog, List.of(Dataset.ORDER_STATUS.contract())).get(0);
    RawRecordParser parser = new RawRecordParser(Dataset.ORDER_STATUS.contract());
    Instant ingestTime = Instant.parse("2026-11-22T05:00:00Z");
    RawRowCodec codec = new RawRowCodec(Dataset.ORDER_STATUS.contract());
    RawRowWriter writer =
        new RawRowWriter(
            Dataset.ORDER_STATUS.contract(), table, 128L * 1024 * 1024, 1, () -> ingestTime);
    String[] days = {"2019-01-17", "2019-01-18", "2019-01-19"};
    // the tables are shared with the other ITs of this JVM: this test reads back only its own rows
    String uri = "s3://landing/" + java.util.UUID.randomUUID() + "/status.json.gz";
    for (int i = 0; i < 300; i++) {
      String json =
          "{\"created_at\":\""
              + days[i % 3]
              + "T23:59:59.123Z\",\"order_id\":\"o-"
              + i
              + "\",\"status_id\":\"s-"
              + i
              + "\",\"value\":\"PLACED\"}";
      ParseResult.Parsed parsed =
          (ParseResult.Parsed) parser.parse(json.getBytes(StandardCharsets.UTF_8));
      // through the rows topic's binary form, as in the app
      RawRowCodec.RawRow row =
          codec.decode(
              codec.encode(
                  parsed.values(),
                  new Lineage(
                      "src.food.order_status",
                      i % 2,
                      i / 2,
                      1_700_000_000_000L + i,
                      uri,
                      (long) i + 1)));
      writer.write(row.values(), row.lineage());
    }
    List<DataFile> files = writer.complete();
    assertThat(files).as("one file per day partition").hasSize(3);
    assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(300);

    TableCommitter committer = new TableCommitter("it-writer");
    List<OffsetRange> ranges =
        List.of(
            new OffsetRange(new TopicPartition("src.food.order_status", 0), 0, 150),
            new OffsetRange(new TopicPartition("src.food.order_status", 1), 0, 150));
    assertThat(committer.commit(table, files, ranges).verdict())
        .isEqualTo(CommitDecision.Verdict.COMMIT);
    assertThat(committer.commit(table, files, ranges).verdict())
        .isEqualTo(CommitDecision.Verdict.ALREADY_COMMITTED);

    Table reloaded =
        LakehouseCatalogs.open(settings)
            .loadTable(RawTableCatalog.identifier(Dataset.ORDER_STATUS.contract()));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(reloaded)
            .where(org.apache.iceberg.expressions.Expressions.equal(RawTables.SOURCE_URI, uri))
            .build()) {
      read.forEach(rows::add);
    }
    assertThat(rows).hasSize(300);
    Record first =
        rows.stream().filter(r -> r.getField("order_id").equals("o-7")).findFirst().orElseThrow();
    assertThat(first.getField("created_at"))
        .isEqualTo(OffsetDateTime.parse("2019-01-18T23:59:59.123Z"));
    assertThat(first.getField(RawTables.SOURCE_PARTITION)).isEqualTo(1);
    assertThat(first.getField(RawTables.SOURCE_OFFSET)).isEqualTo(3L);
    assertThat(first.getField(RawTables.SOURCE_LINE)).isEqualTo(8L);
    assertThat(first.getField(RawTables.SOURCE_URI)).isEqualTo(uri);
    assertThat(first.getField(RawTables.INGESTED_AT))
        .isEqualTo(OffsetDateTime.parse("2026-11-22T05:00:00Z"));
    assertThat(
            rows.stream()
                .map(
                    r ->
                        r.getField(RawTables.SOURCE_PARTITION)
                            + ":"
                            + r.getField(RawTables.SOURCE_OFFSET))
                .distinct())
        .as("no (partition, offset) twice")
        .hasSize(300);
  }

  @Test
  void moneyAndBooleansOfCsvOriginSurviveTheRoundTrip(LakehouseSettings settings) throws Exception {
    Catalog catalog = LakehouseCatalogs.open(settings);
    Table table = RawTableCatalog.ensure(catalog, List.of(Dataset.RESTAURANT.contract())).get(0);
    RawRowCodec codec = new RawRowCodec(Dataset.RESTAURANT.contract());
    RawRowWriter writer =
        new RawRowWriter(Dataset.RESTAURANT.contract(), table, 128L * 1024 * 1024, 2, Instant::now);
    ParseResult.Parsed parsed =
        (ParseResult.Parsed)
            new RawRecordParser(Dataset.RESTAURANT.contract())
                .parse(
                    ("{\"id\":\"r-1\","
                            + "\"created_at\":\"2017-01-23T12:52:30.000Z\",\"enabled\":\"false\",\"price_range\":\"3\",\"average_ticket\":\"60.5\","
                            + "\"takeout_time\":\"0\",\"delivery_time\":null,\"minimum_order_value\":\"30.0\",\"merchant_zip_code\":\"01402\","
                            + "\"merchant_city\":\"SAO PAULO\",\"merchant_state\":\"SP\",\"merchant_country\":\"BR\"}")
                        .getBytes(StandardCharsets.UTF_8));
    RawRowCodec.RawRow row =
        codec.decode(
            codec.encode(
                parsed.values(), new Lineage("src.food.restaurant", 0, 42, 0, null, null)));
    writer.write(row.values(), row.lineage());
    new TableCommitter("it-csv")
        .commit(
            table,
            writer.complete(),
            List.of(new OffsetRange(new TopicPartition("src.food.restaurant", 0), 42, 43)));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(
                LakehouseCatalogs.open(settings)
                    .loadTable(RawTableCatalog.identifier(Dataset.RESTAURANT.contract())))
            .build()) {
      read.forEach(rows::add);
    }
    assertThat(rows)
        .filteredOn(r -> r.getField("id").equals("r-1"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getField("average_ticket")).isEqualTo(new BigDecimal("60.50"));
              assertThat(r.getField("enabled")).isEqualTo(false);
              assertThat(r.getField("price_range")).isEqualTo(3);
              assertThat(r.getField("delivery_time")).isNull();
              assertThat(r.getField("merchant_zip_code")).isEqualTo("01402");
              assertThat(r.getField(RawTables.SOURCE_URI)).isNull();
            });
  }
}
