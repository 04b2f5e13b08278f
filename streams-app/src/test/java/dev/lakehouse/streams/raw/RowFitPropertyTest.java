package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.writer.RowVerdict;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.iceberg.Files;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/**
 * The writer's check is total: random bytes, and good rows mutated (bytes flipped, cut, inserted),
 * give a verdict, never an exception; and a row it accepts reads back value by value, every decimal
 * within its precision, and is written by the Parquet writer without an error.
 */
class RowFitPropertyTest {
  private static final Map<Dataset, byte[]> GOOD =
      Map.of(
          Dataset.ORDER,
              RowFitTest.encode(
                  Dataset.ORDER,
                  RowFitTest.order(
                      "customer_name",
                      "Zoë",
                      "order_total_amount",
                      new BigDecimal("46.00"),
                      "order_scheduled",
                      false)),
          Dataset.RESTAURANT,
              RowFitTest.encode(
                  Dataset.RESTAURANT,
                  Map.of(
                      "id",
                      "r-1",
                      "price_range",
                      3,
                      "average_ticket",
                      new BigDecimal("60.00"),
                      "enabled",
                      true)),
          Dataset.ORDER_STATUS,
              RowFitTest.encode(
                  Dataset.ORDER_STATUS,
                  Map.of(
                      "status_id",
                      "s-1",
                      "order_id",
                      "o-1",
                      "value",
                      "PLACED",
                      "created_at",
                      RowFitTest.CREATED)),
          Dataset.CONSUMER,
              RowFitTest.encode(Dataset.CONSUMER, Map.of("customer_id", "c-1", "active", true)));

  @org.junit.jupiter.api.Test
  void theUnmutatedRowsFit() {
    GOOD.forEach(
        (dataset, bytes) ->
            assertThat(RowFitTest.fit(dataset, bytes).ok()).as(dataset.toString()).isTrue());
  }

  @Property(tries = 2000)
  void mutatedRowsGetAVerdictNeverAnException(@ForAll("mutated") Mutant mutant) {
    check(mutant.dataset(), mutant.bytes());
  }

  @Property(tries = 1000)
  void randomBytesGetAVerdictNeverAnException(
      @ForAll("datasets") Dataset dataset, @ForAll("randomRows") byte[] bytes) {
    check(dataset, bytes);
  }

  private static void check(Dataset dataset, byte[] bytes) {
    Schema schema = RawTables.schema(dataset.contract());
    EncodedRawRow row = new EncodedRawRow(dataset.contract(), schema, dataset.fieldNames());
    RowVerdict verdict = new RowFit(schema).load(row, bytes, 1L);
    Statistics.collect(verdict.ok() ? "accepted" : verdict.reason());
    if (!verdict.ok()) {
      assertThat(verdict.reason()).isNotBlank();
      return;
    }
    for (int p = 0; p < row.size(); p++) {
      Object value = row.get(p, Object.class);
      if (value instanceof BigDecimal decimal) {
        assertThat(decimal.precision())
            .isLessThanOrEqualTo(((Types.DecimalType) row.columnType(p)).precision());
      }
      if (value == null) {
        assertThat(schema.columns().get(p).isOptional()).isTrue();
      }
    }
    row.lineage();
    // what the check accepts, the Parquet writer writes: an accepted row that failed there would
    // stop the writer
    writeThroughParquet(schema, row);
  }

  private static void writeThroughParquet(Schema schema, EncodedRawRow row) {
    try {
      File file = File.createTempFile("rowfit-", ".parquet");
      try (DataWriter<EncodedRawRow> writer =
          Parquet.writeData(Files.localOutput(file))
              .schema(schema)
              .withSpec(PartitionSpec.unpartitioned())
              .createWriterFunc(type -> new EncodedRawRowParquetWriter(schema, type))
              .overwrite()
              .build()) {
        writer.write(row);
      } finally {
        file.delete();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record Mutant(Dataset dataset, byte[] bytes) {
    @Override
    public String toString() {
      return dataset + " " + Arrays.toString(bytes);
    }
  }

  @Provide
  Arbitrary<Dataset> datasets() {
    return Arbitraries.of(Dataset.class);
  }

  @Provide
  Arbitrary<byte[]> randomRows() {
    Arbitrary<byte[]> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    return tail.map(
        t -> {
          byte[] out = new byte[t.length + 1];
          out[0] = RawRowCodec.FORMAT;
          System.arraycopy(t, 0, out, 1, t.length);
          return out;
        });
  }

  @Provide
  Arbitrary<Mutant> mutated() {
    Arbitrary<Dataset> dataset = Arbitraries.of(Dataset.class);
    Arbitrary<Integer> kind = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> where = Arbitraries.integers().between(0, 10_000);
    Arbitrary<Byte> value = Arbitraries.bytes();
    Arbitrary<Integer> count = Arbitraries.integers().between(1, 4);
    return Combinators.combine(dataset, kind, where, value, count)
        .as(
            (d, k, w, v, n) -> {
              byte[] good = GOOD.get(d);
              byte[] bytes = good.clone();
              for (int i = 0; i < n; i++) {
                int at = 1 + (w * (i + 7)) % (bytes.length - 1);
                bytes =
                    switch (k) {
                      case 0 -> flip(bytes, at, v);
                      case 1 -> Arrays.copyOf(bytes, at);
                      case 2 -> insert(bytes, at, v);
                      default -> flip(bytes, at, (byte) 0xFF);
                    };
                if (bytes.length < 2) {
                  break;
                }
              }
              return new Mutant(d, bytes);
            });
  }

  private static byte[] flip(byte[] bytes, int at, byte value) {
    byte[] out = bytes.clone();
    out[at] = value;
    return out;
  }

  private static byte[] insert(byte[] bytes, int at, byte value) {
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, at);
    out[at] = value;
    System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
    return out;
  }
}
