package dev.lakehouse.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakehouse.common.contract.ContractException;
import dev.lakehouse.common.contract.Dataset;
import dev.lakehouse.common.contract.DatasetContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractSettingsTest {
  private static final String DELIVERY =
      """
      domain: shop
      name: delivery
      source: {format: csv}
      key: id
      fields: [{name: id, type: string}]
      """;

  @TempDir Path dir;

  private static Properties base() {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap-servers", "localhost:9092");
    p.setProperty("catalog.warehouse", "s3://lake/warehouse");
    p.setProperty("s3.bucket", "lake");
    p.setProperty("catalog.uri", "jdbc:sqlite:/tmp/unused.db");
    return p;
  }

  @Test
  void withoutADirectoryTheLakeTakesTheFoodDatasets() {
    LakehouseSettings settings = LakehouseSettings.fromProperties(base(), Map.of(), "test");
    assertThat(settings.datasets().directory()).isEmpty();
    assertThat(settings.datasets().contracts().all())
        .extracting(DatasetContract::topic)
        .containsExactlyInAnyOrder(
            "src.food.order", "src.food.order_status", "src.food.consumer", "src.food.restaurant");
    assertThat(settings.toProperties()).doesNotContainKey(ContractSettings.DIRECTORY);
  }

  @Test
  void aDirectoryFromTheFileOrTheEnvironmentAddsItsDatasets() throws Exception {
    Files.writeString(dir.resolve("delivery.yaml"), DELIVERY);
    Properties properties = base();
    properties.setProperty(ContractSettings.DIRECTORY, dir.toString());
    LakehouseSettings fromFile = LakehouseSettings.fromProperties(properties, Map.of(), "test");
    assertThat(fromFile.datasets().contracts().find("shop", "delivery")).isPresent();
    assertThat(fromFile.toProperties()).containsEntry(ContractSettings.DIRECTORY, dir.toString());
    LakehouseSettings fromEnvironment =
        LakehouseSettings.fromProperties(
            base(), Map.of("LAKEHOUSE_CONTRACTS_DIRECTORY", dir.toString()), "test");
    assertThat(fromEnvironment.datasets()).isEqualTo(fromFile.datasets());
    assertThat(fromEnvironment.datasets().contracts().all()).hasSize(5);
  }

  @Test
  void aBrokenContractStopsTheSettingsWithTheKeyTheFileAndTheField() throws Exception {
    Files.writeString(dir.resolve("delivery.yaml"), DELIVERY.replace("type: string", "type: text"));
    Properties properties = base();
    properties.setProperty(ContractSettings.DIRECTORY, dir.toString());
    assertThatThrownBy(() -> LakehouseSettings.fromProperties(properties, Map.of(), "test"))
        .isInstanceOf(SettingsException.class)
        .hasMessage(
            "contracts.directory="
                + dir
                + ": "
                + dir
                + "/delivery.yaml: field 'id': unknown type 'text': one of string, "
                + "boolean, int, long, double, decimal(P,S), timestamptz");
  }

  @Test
  void aDirectoryThatReplacesAFoodDatasetIsRefusedForTheTrustedStage() throws Exception {
    Files.writeString(dir.resolve("delivery.yaml"), DELIVERY);
    Dataset.requireBuiltInIn(ContractSettings.withDirectory(dir).contracts());
    Files.createDirectories(dir.resolve("food"));
    Files.writeString(
        dir.resolve("food/consumer.yaml"),
        """
        domain: food
        name: consumer
        source: {format: csv}
        key: customer_id
        fields: [{name: customer_id, type: string}]
        """);
    ContractSettings replacing = ContractSettings.withDirectory(dir);
    assertThat(replacing.contracts().find("food", "consumer").orElseThrow().fields()).hasSize(1);
    assertThatThrownBy(() -> Dataset.requireBuiltInIn(replacing.contracts()))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            dir
                + "/food/consumer.yaml: replaces the built-in dataset food.consumer, which the trusted stage reads as "
                + "built in; run it with trusted.enabled=false, or give the dataset another name");
  }
}
