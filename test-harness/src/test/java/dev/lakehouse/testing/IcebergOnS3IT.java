package dev.lakehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakehouse.common.settings.LakehouseSettings;
import dev.lakehouse.iceberg.LakehouseCatalogs;
import dev.lakehouse.iceberg.S3Clients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** An Iceberg table in the SQLite catalog, with Parquet data on the S3 server through S3FileIO. */
@WithLocalStack
class IcebergOnS3IT {

  @Test
  void appendedParquetDataIsReadBackFromS3(LakehouseSettings settings) throws Exception {
    Catalog catalog = LakehouseCatalogs.open(settings);
    Namespace namespace = Namespace.of("ground");
    if (!((SupportsNamespaces) catalog).namespaceExists(namespace)) {
      ((SupportsNamespaces) catalog).createNamespace(namespace);
    }
    TableIdentifier id = TableIdentifier.of(namespace, "iceberg_on_s3");
    Table table =
        catalog.createTable(
            id, IcebergTables.SCHEMA, IcebergTables.SPEC, Map.of("format-version", "2"));

    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 1_000; i++) {
      rows.add(IcebergTables.row(i, i % 2 == 0 ? "FRANCA" : "RECIFE"));
    }
    DataFile file = IcebergTables.appendFile(table, rows);
    assertThat(file.location())
        .startsWith(settings.catalog().warehouse() + "/ground/iceberg_on_s3/data/");
    assertThat(file.recordCount()).isEqualTo(1_000);

    // a fresh catalog client sees the commit: the state is in the catalog and on S3, not in this
    // object
    Table reloaded = LakehouseCatalogs.open(settings).loadTable(id);
    assertThat(reloaded.currentSnapshot().summary()).containsEntry("added-records", "1000");
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> read =
        IcebergGenerics.read(reloaded)
            .where(org.apache.iceberg.expressions.Expressions.equal("city", "RECIFE"))
            .build()) {
      read.forEach(r -> ids.add((Long) r.getField("id")));
    }
    assertThat(ids).hasSize(500).allMatch(v -> v % 2 == 1);

    // the objects really are in the S3 server's bucket
    String key = file.location().substring(("s3://" + settings.s3().bucket() + "/").length());
    try (S3Client s3 = S3Clients.forSettings(settings.s3())) {
      long size = s3.headObject(b -> b.bucket(settings.s3().bucket()).key(key)).contentLength();
      assertThat(size).isEqualTo(file.fileSizeInBytes());
      assertThat(
              s3.listObjectsV2(
                      b ->
                          b.bucket(settings.s3().bucket())
                              .prefix("warehouse/ground/iceberg_on_s3/metadata/"))
                  .contents())
          .isNotEmpty();
    }
  }
}
