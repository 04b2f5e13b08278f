package dev.lakehouse.streams.trusted;

import static dev.lakehouse.streams.trusted.TrustedInputs.items;
import static dev.lakehouse.streams.trusted.TrustedInputs.order;
import static dev.lakehouse.streams.trusted.TrustedInputs.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.streams.raw.RawRowWriter;
import dev.lakehouse.streams.raw.RawTableCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The lake as the trusted stage finds a dropped order in it: raw and trusted tables written by the
 * app's own writers (Parquet files, Iceberg commits), read back into the very rows the rows topics
 * carried, and the versions the stage emitted.
 */
class IcebergOrderArchiveTest {
  private static final String ITEMS = items("X-BURGER", 2500, "BACON");

  private final InMemoryCatalog catalog = new InMemoryCatalog();

  @Test
  void anOrderComesBackAsItsRawRowsAndItsLastVersions() {
    catalog.initialize("test", Map.of());
    List<Table> raw =
        RawTableCatalog.ensure(
            catalog, List.of(Dataset.ORDER.contract(), Dataset.ORDER_STATUS.contract()));
    if (!catalog.namespaceExists(TrustedTables.NAMESPACE)) {
      catalog.createNamespace(TrustedTables.NAMESPACE);
    }
    Map<String, Table> trusted = TrustedTableCatalog.ensure(catalog);

    byte[] copyA = order("A", "2019-01-17T22:50:06.000Z", "1", "c-1", "m-1", null, ITEMS);
    byte[] copyB = order("B", "2019-01-18T10:00:00.000Z", "2", "c-1", "m-1", null, ITEMS);
    byte[] a1 = status("A", "a1", "REGISTERED", "2019-01-17T22:50:06.000Z");
    byte[] a2 = status("A", "a2", "PLACED", "2019-01-17T22:55:00.000Z");
    byte[] b1 = status("B", "b1", "REGISTERED", "2019-01-18T10:00:00.000Z");
    land(raw.get(0), Dataset.ORDER, List.of(copyA, copyB));
    land(raw.get(1), Dataset.ORDER_STATUS, List.of(a1, b1, a2));

    TrustedCore core = new TrustedCore(TrustedInputs.KEY, new MemoryTrustedStore(), 5_000);
    core.onOrderCopy(copyA, 1);
    core.onOrderCopy(copyB, 2);
    core.onStatus(a1, 3);
    core.onStatus(b1, 4);
    write(trusted, core.emitDue(10));
    core.onStatus(a2, 5);
    write(trusted, core.emitDue(20));

    OrderArchive.Archived a = new IcebergOrderArchive(catalog).find("A");
    assertThat(a.copies()).containsExactly(copyA);
    assertThat(a.statuses()).containsExactlyInAnyOrder(a1, a2);
    assertThat(a.orderVersion()).as("a new status changes the order row").isEqualTo(2);
    assertThat(a.statusVersion()).isEqualTo(2);
    assertThat(a.itemsVersion()).as("the items did not change").isEqualTo(1);
    assertThat(a.emitted()).isTrue();

    OrderArchive.Archived b = new IcebergOrderArchive(catalog).find("B");
    assertThat(b.copies()).containsExactly(copyB);
    assertThat(b.statuses()).containsExactly(b1);
    assertThat(b.statusVersion()).isEqualTo(1);

    OrderArchive.Archived none = new IcebergOrderArchive(catalog).find("Z");
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.emitted()).isFalse();
  }

  @Test
  void aLakeWithoutTheTablesHasNoOrders() {
    catalog.initialize("empty", Map.of());
    catalog.createNamespace(Namespace.of("raw"));
    OrderArchive.Archived found = new IcebergOrderArchive(catalog).find("A");
    assertThat(found.isEmpty()).isTrue();
    assertThat(found.emitted()).isFalse();
  }

  private static void land(Table table, Dataset dataset, List<byte[]> rows) {
    RawRowWriter writer =
        new RawRowWriter(
            dataset.contract(), table, 128L << 20, 1, () -> Instant.parse("2026-01-01T00:00:00Z"));
    rows.forEach(writer::write);
    commit(table, writer.complete());
  }

  private static void write(Map<String, Table> trusted, List<TrustedEmission> emissions) {
    int writer = 0;
    for (Map.Entry<String, Table> entry : trusted.entrySet()) {
      String topic = entry.getKey();
      TrustedTableSink sink =
          new TrustedTableSink(
              entry.getValue(), TrustedTables.schemaOf(topic), 128L << 20, writer++);
      long offset = 0;
      for (TrustedEmission emission : emissions) {
        if (emission.output() != TrustedEmission.Output.DEAD_LETTER
            && TrustedCoreRun.topicOf(emission.output()).equals(topic)) {
          sink.write(new ConsumerRecord<>(topic, 0, offset++, emission.key(), emission.value()));
        }
      }
      commit(entry.getValue(), sink.complete());
    }
  }

  private static void commit(Table table, List<DataFile> files) {
    if (files.isEmpty()) {
      return;
    }
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.commit();
  }
}
