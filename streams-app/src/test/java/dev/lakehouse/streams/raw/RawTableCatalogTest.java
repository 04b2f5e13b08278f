package dev.lakehouse.streams.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.settings.ContractSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class RawTableCatalogTest {

  private static InMemoryCatalog catalog() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", Map.of());
    return catalog;
  }

  @Test
  void tablesAreCreatedFromTheContractsOnceAndAreIdempotent() {
    InMemoryCatalog catalog = catalog();
    List<Table> tables =
        RawTableCatalog.ensure(catalog, ContractSettings.builtIn().contracts().all());
    assertThat(tables).hasSize(4);
    Table order = catalog.loadTable(RawTableCatalog.identifier(Dataset.ORDER.contract()));
    assertThat(org.apache.iceberg.TableUtil.formatVersion(order)).isEqualTo(2);
    assertThat(order.properties()).containsEntry(TableProperties.PARQUET_COMPRESSION, "zstd");
    assertThat(order.spec().fields())
        .singleElement()
        .satisfies(f -> assertThat(f.transform().toString()).isEqualTo("day"));
    assertThat(order.sortOrder().fields()).hasSize(3);
    assertThat(
            catalog
                .loadTable(RawTableCatalog.identifier(Dataset.CONSUMER.contract()))
                .spec()
                .isUnpartitioned())
        .isTrue();
    int schemasBefore = order.schemas().size();
    RawTableCatalog.ensure(catalog, ContractSettings.builtIn().contracts().all());
    assertThat(catalog.loadTable(RawTableCatalog.identifier(Dataset.ORDER.contract())).schemas())
        .hasSize(schemasBefore);
  }

  @Test
  void uniqueValuedColumnsAreWrittenWithoutADictionaryAndLowCardinalityOnesKeepIt() {
    InMemoryCatalog catalog = catalog();
    Table order = RawTableCatalog.ensure(catalog, List.of(Dataset.ORDER.contract())).get(0);
    String prefix = TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX;
    assertThat(order.properties())
        .containsEntry(prefix + "items", "false")
        .containsEntry(prefix + "order_id", "false")
        .containsEntry(prefix + RawTables.SOURCE_OFFSET, "false")
        .containsEntry(prefix + RawTables.INGESTED_AT, "false")
        .doesNotContainKey(prefix + "delivery_address_state")
        .doesNotContainKey(prefix + "delivery_address_city");
    for (Dataset dataset : Dataset.values()) {
      Schema schema = RawTables.schema(dataset.contract());
      assertThat(RawTableLayout.uniqueValuedColumns(dataset.contract()))
          .as(dataset + " names only its own columns")
          .allSatisfy(column -> assertThat(schema.findField(column)).isNotNull());
    }
  }

  @Test
  void aTableCreatedBeforeTheWritePropertiesExistedGetsThemOnTheNextStart() {
    InMemoryCatalog catalog = catalog();
    Schema schema = RawTables.schema(Dataset.ORDER_STATUS.contract());
    catalog.createNamespace(RawTableCatalog.NAMESPACE);
    catalog.createTable(RawTableCatalog.identifier(Dataset.ORDER_STATUS.contract()), schema);
    RawTableCatalog.ensure(catalog, List.of(Dataset.ORDER_STATUS.contract()));
    Table status = catalog.loadTable(RawTableCatalog.identifier(Dataset.ORDER_STATUS.contract()));
    assertThat(status.properties())
        .containsEntry(
            TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + "order_id", "false");
    long snapshotsOfMetadata =
        ((org.apache.iceberg.HasTableOperations) status)
            .operations()
            .current()
            .previousFiles()
            .size();
    RawTableCatalog.ensure(catalog, List.of(Dataset.ORDER_STATUS.contract()));
    Table again = catalog.loadTable(RawTableCatalog.identifier(Dataset.ORDER_STATUS.contract()));
    assertThat(
            ((org.apache.iceberg.HasTableOperations) again).operations().current().previousFiles())
        .as("an unchanged table is not rewritten")
        .hasSize((int) snapshotsOfMetadata);
  }

  @Test
  void aFieldAddedToTheContractBecomesANullableColumnOnTheNextStart() {
    InMemoryCatalog catalog = catalog();
    RawTableCatalog.ensure(catalog, List.of(Dataset.ORDER_STATUS.contract()));
    Schema base = RawTables.schema(Dataset.ORDER_STATUS.contract());
    List<Types.NestedField> fields = new ArrayList<>(base.columns());
    fields.add(Types.NestedField.optional(2000, "courier_id", Types.StringType.get()));
    Table evolved =
        RawTableCatalog.ensure(catalog, Dataset.ORDER_STATUS.contract(), new Schema(fields));
    Types.NestedField added = evolved.schema().findField("courier_id");
    assertThat(added).isNotNull();
    assertThat(added.isOptional()).isTrue();
    assertThat(evolved.schema().columns()).hasSize(base.columns().size() + 1);
  }
}
