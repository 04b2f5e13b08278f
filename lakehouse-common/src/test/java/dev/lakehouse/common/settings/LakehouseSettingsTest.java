package dev.lakehouse.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseSettingsTest {

  private static Properties local() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap-servers", "127.0.0.1:9092");
    p.setProperty("s3.endpoint", "http://127.0.0.1:9000");
    p.setProperty("s3.access-key-id", "local-key");
    p.setProperty("s3.secret-access-key", "local-secret");
    p.setProperty("s3.bucket", "lakehouse");
    p.setProperty("catalog.uri", "jdbc:sqlite:/tmp/catalog.db");
    p.setProperty("catalog.warehouse", "s3://lakehouse/warehouse");
    return p;
  }

  @Test
  void defaultsApplyAndRoundTripThroughTheFile(@TempDir Path dir) throws Exception {
    LakehouseSettings settings = LakehouseSettings.fromProperties(local(), Map.of(), "test");
    assertThat(settings.catalog().name()).isEqualTo("lakehouse");
    assertThat(settings.catalog().type()).isEqualTo(CatalogType.JDBC);
    assertThat(settings.s3().pathStyleAccess())
        .as("an explicit endpoint implies path style")
        .isTrue();
    assertThat(settings.s3().region()).isEqualTo("us-east-1");

    Path file = dir.resolve(LakehouseSettings.FILE_NAME);
    settings.write(file);
    assertThat(LakehouseSettings.load(file, Map.of())).isEqualTo(settings);
  }

  @Test
  void environmentOverridesTheFile() {
    LakehouseSettings settings =
        LakehouseSettings.fromProperties(
            local(),
            Map.of(
                "LAKEHOUSE_KAFKA_BOOTSTRAP_SERVERS",
                "broker:9093",
                "LAKEHOUSE_CATALOG_NAME",
                "prod"),
            "test");
    assertThat(settings.kafka().bootstrapServers()).isEqualTo("broker:9093");
    assertThat(settings.catalog().name()).isEqualTo("prod");
  }

  @Test
  void invalidValuesNameTheSettingAndTheOrigin() {
    Properties p = local();
    p.setProperty("catalog.type", "hive");
    assertThatThrownBy(() -> LakehouseSettings.fromProperties(p, Map.of(), "my.properties"))
        .isInstanceOf(SettingsException.class)
        .hasMessageContaining("catalog.type")
        .hasMessageContaining("my.properties")
        .hasMessageContaining("jdbc, rest, glue");

    Properties noWarehouse = local();
    noWarehouse.remove("catalog.warehouse");
    assertThatThrownBy(() -> LakehouseSettings.fromProperties(noWarehouse, Map.of(), "f"))
        .hasMessageContaining("catalog.warehouse")
        .hasMessageContaining("LAKEHOUSE_CATALOG_WAREHOUSE");

    Properties halfCredentials = local();
    halfCredentials.remove("s3.secret-access-key");
    assertThatThrownBy(() -> LakehouseSettings.fromProperties(halfCredentials, Map.of(), "f"))
        .hasMessageContaining("together");

    Properties badBool = local();
    badBool.setProperty("s3.path-style-access", "yes");
    assertThatThrownBy(() -> LakehouseSettings.fromProperties(badBool, Map.of(), "f"))
        .hasMessageContaining("true or false");
  }

  @Test
  void missingFileSaysHowToCreateIt(@TempDir Path dir) {
    assertThatThrownBy(() -> LakehouseSettings.load(dir.resolve("nope.properties"), Map.of()))
        .hasMessageContaining("./lakehouse up");
  }

  @Test
  void secretsNeverAppearInToString() {
    LakehouseSettings settings = LakehouseSettings.fromProperties(local(), Map.of(), "test");
    assertThat(settings.s3().toString()).doesNotContain("local-secret").contains("static");
    assertThat(settings.toString()).doesNotContain("local-secret");
  }

  @Test
  void icebergAndSparkPropertiesAgree() {
    LakehouseSettings settings = LakehouseSettings.fromProperties(local(), Map.of(), "test");
    Map<String, String> iceberg = IcebergCatalogProperties.of(settings);
    assertThat(iceberg)
        .containsEntry("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
        .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("s3.path-style-access", "true");
    Map<String, String> spark = IcebergCatalogProperties.asSparkConf(settings);
    assertThat(spark)
        .containsEntry("spark.sql.catalog.lakehouse", "org.apache.iceberg.spark.SparkCatalog");
    iceberg.forEach(
        (k, v) -> assertThat(spark).containsEntry("spark.sql.catalog.lakehouse." + k, v));
  }
}
