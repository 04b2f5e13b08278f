package dev.lakehouse.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractFilesTest {
  private static final String DELIVERY =
      """
      domain: shop
      name: delivery
      source: {format: json-lines}
      key: delivery_id
      fields: [{name: delivery_id, type: string}, {name: fee, type: "decimal(10,2)"}]
      """;

  @TempDir Path dir;

  @Test
  void theBuiltInContractsAreTheFourFoodDatasets() {
    Contracts contracts = ContractFiles.load(Optional.empty());
    assertThat(contracts.all())
        .extracting(DatasetContract::topic)
        .containsExactly(
            "src.food.consumer", "src.food.order", "src.food.order_status", "src.food.restaurant");
    assertThat(contracts.declared())
        .extracting(Contracts.Declared::file)
        .containsExactly(
            "classpath:contracts/food/consumer.yaml",
            "classpath:contracts/food/order.yaml",
            "classpath:contracts/food/order_status.yaml",
            "classpath:contracts/food/restaurant.yaml");
    assertThat(contracts.forFileName("s3://b/landing/2019-01-17/status_part-0001.json.gz"))
        .map(DatasetContract::name)
        .contains("order_status");
  }

  @Test
  void aDirectoryAddsADatasetAndReplacesABuiltInOne() throws Exception {
    Files.createDirectories(dir.resolve("shop"));
    Files.writeString(dir.resolve("shop/delivery.yaml"), DELIVERY);
    Files.createDirectories(dir.resolve("food"));
    Files.writeString(
        dir.resolve("food/consumer.yaml"),
        """
        domain: food
        name: consumer
        source: {format: csv}
        key: customer_id
        fields: [{name: customer_id, type: string}, {name: loyalty_tier, type: string}]
        """);
    Contracts contracts = ContractFiles.load(Optional.of(dir));
    assertThat(contracts.all())
        .extracting(DatasetContract::topic)
        .containsExactly(
            "src.food.consumer",
            "src.food.order",
            "src.food.order_status",
            "src.food.restaurant",
            "src.shop.delivery");
    assertThat(contracts.find("food", "consumer").orElseThrow().fieldNames())
        .containsExactly("customer_id", "loyalty_tier");
    assertThat(contracts.find("shop", "delivery").orElseThrow().field("fee").orElseThrow().type())
        .isEqualTo(FieldType.decimal(10, 2));
    assertThat(contracts.declared())
        .extracting(Contracts.Declared::file)
        .contains(dir + "/food/consumer.yaml", dir + "/shop/delivery.yaml");
    assertThat(contracts.forFileName("delivery-2026-12-07.json"))
        .map(DatasetContract::name)
        .contains("delivery");
  }

  @Test
  void readsTheContractsOfAJarOnTheClassPath() throws Exception {
    Path jar = dir.resolve("contracts.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("contracts/"));
      out.putNextEntry(new JarEntry("contracts/shop/"));
      out.putNextEntry(new JarEntry("contracts/shop/delivery.yaml"));
      out.write(DELIVERY.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(ContractFiles.builtIn(loader))
          .singleElement()
          .satisfies(
              declared -> {
                assertThat(declared.file()).isEqualTo("classpath:contracts/shop/delivery.yaml");
                assertThat(declared.contract().topic()).isEqualTo("src.shop.delivery");
              });
    }
  }

  @Test
  void aFileIsNamedAfterItsDatasetAndTheDirectoryMustExist() throws Exception {
    Files.writeString(dir.resolve("deliveries.yaml"), DELIVERY);
    assertThatThrownBy(() -> ContractFiles.load(Optional.of(dir)))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            dir + "/deliveries.yaml: the file declares dataset 'delivery'; name it delivery.yaml");
    assertThatThrownBy(() -> ContractFiles.load(Optional.of(dir.resolve("absent"))))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("absent: the contracts directory does not exist");
  }

  @Test
  void twoFilesOfOneDatasetOrOfOneFileNameAreRefusedNamingBoth() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("a/delivery.yaml"), DELIVERY);
    Files.writeString(dir.resolve("b/delivery.yaml"), DELIVERY);
    assertThatThrownBy(() -> ContractFiles.load(Optional.of(dir)))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            dir
                + "/b/delivery.yaml: dataset shop.delivery is declared in "
                + dir
                + "/a/delivery.yaml too");
    Files.delete(dir.resolve("b/delivery.yaml"));
    Files.writeString(
        dir.resolve("b/parcel.yaml"),
        DELIVERY
            .replace("name: delivery\n", "name: parcel\n")
            .replace("{format: json-lines}", "{format: json-lines, file: order}"));
    assertThatThrownBy(() -> ContractFiles.load(Optional.of(dir)))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            dir
                + "/b/parcel.yaml: source files named 'order…' would belong to two datasets; "
                + "classpath:contracts/food/order.yaml declares the same file name");
  }

  @Test
  void aBrokenFileStopsTheLoadWithItsName() throws Exception {
    Files.writeString(dir.resolve("delivery.yaml"), DELIVERY.replace("decimal(10,2)", "money"));
    assertThatThrownBy(() -> ContractFiles.load(Optional.of(dir)))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            dir
                + "/delivery.yaml: field 'fee': unknown type 'money': one of string, boolean, int, long, double, "
                + "decimal(P,S), timestamptz");
  }
}
