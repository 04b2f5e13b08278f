package dev.lakehouse.streams.trusted;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DatasetContract;
import dev.lakehouse.common.contract.FieldContract;
import dev.lakehouse.streams.raw.Lineage;
import dev.lakehouse.streams.raw.RawRowCodec;
import dev.lakehouse.streams.raw.RawTableCatalog;
import dev.lakehouse.streams.raw.RawTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Finds an order in the lake: its copies in {@code raw.order} and its status events in {@code
 * raw.order_status}, turned back into the encoded rows the rows topics carried (the raw tables hold
 * every source field and the lineage), and the highest {@code _version} of its rows in each trusted
 * table. The tables sorted by {@code order_id} ({@code raw.order_status}, the trusted item and
 * status tables) prune the scans by their files' bounds; {@code raw.order} and {@code
 * trusted.order} are sorted by place and read in full.
 */
public final class IcebergOrderArchive implements OrderArchive {
  private static final String ORDER_ID = "order_id";

  private final Catalog catalog;
  private final RawRowCodec orders = new RawRowCodec(Dataset.ORDER.contract());
  private final RawRowCodec statuses = new RawRowCodec(Dataset.ORDER_STATUS.contract());

  public IcebergOrderArchive(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Archived find(String orderId) {
    return new Archived(
        rawRows(Dataset.ORDER.contract(), orders, orderId),
        rawRows(Dataset.ORDER_STATUS.contract(), statuses, orderId),
        highestVersion(TrustedTables.ORDER, orderId),
        Math.max(
            highestVersion(TrustedTables.ORDER_ITEM, orderId),
            highestVersion(TrustedTables.ORDER_ITEM_GARNISH, orderId)),
        highestVersion(TrustedTables.ORDER_STATUS, orderId));
  }

  private List<byte[]> rawRows(DatasetContract contract, RawRowCodec codec, String orderId) {
    List<byte[]> rows = new ArrayList<>();
    Table table = load(RawTableCatalog.identifier(contract));
    if (table == null) {
      return rows;
    }
    List<FieldContract> fields = contract.fields();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table).where(Expressions.equal(ORDER_ID, orderId)).build()) {
      for (Record record : records) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = record.getField(fields.get(i).name());
        }
        rows.add(codec.encode(values, lineage(record)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading order " + orderId + " from " + table.name(), e);
    }
    return rows;
  }

  private static Lineage lineage(Record record) {
    OffsetDateTime kafkaTimestamp = (OffsetDateTime) record.getField(RawTables.KAFKA_TIMESTAMP);
    return new Lineage(
        (String) record.getField(RawTables.SOURCE_TOPIC),
        (Integer) record.getField(RawTables.SOURCE_PARTITION),
        (Long) record.getField(RawTables.SOURCE_OFFSET),
        kafkaTimestamp.toInstant().toEpochMilli(),
        (String) record.getField(RawTables.SOURCE_URI),
        (Long) record.getField(RawTables.SOURCE_LINE));
  }

  private long highestVersion(TableIdentifier id, String orderId) {
    Table table = load(id);
    if (table == null) {
      return 0;
    }
    long highest = 0;
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table)
            .select(ORDER_ID, TrustedTables.VERSION)
            .where(Expressions.equal(ORDER_ID, orderId))
            .build()) {
      for (Record record : records) {
        highest = Math.max(highest, (Long) record.getField(TrustedTables.VERSION));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading order " + orderId + " from " + table.name(), e);
    }
    return highest;
  }

  private Table load(TableIdentifier id) {
    try {
      return catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      return null;
    }
  }
}
