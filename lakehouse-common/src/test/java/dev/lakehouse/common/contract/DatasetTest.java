package dev.lakehouse.common.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetTest {
  @Test
  void contractsHaveTheFieldCountsOfTheSpec() {
    assertThat(Dataset.ORDER.fields()).hasSize(22);
    assertThat(Dataset.ORDER_STATUS.fields()).hasSize(4);
    assertThat(Dataset.CONSUMER.fields()).hasSize(7);
    assertThat(Dataset.RESTAURANT.fields()).hasSize(12);
    for (Dataset d : Dataset.values()) {
      assertThat(d.fieldNames()).contains(d.keyField()).doesNotHaveDuplicates();
    }
  }

  @Test
  void topicsAndFileNames() {
    assertThat(Dataset.ORDER.topic()).isEqualTo("src.food.order");
    assertThat(Dataset.ORDER_STATUS.topic()).isEqualTo("src.food.order_status");
    assertThat(Dataset.ORDER_STATUS.fileName()).isEqualTo("status.json.gz");
    assertThat(Dataset.CONSUMER.fileName()).isEqualTo("consumer.csv.gz");
  }

  @Test
  void datasetFromFileName() {
    assertThat(Dataset.forFileName("order.json.gz")).contains(Dataset.ORDER);
    assertThat(Dataset.forFileName("s3://b/landing/2019-01-17/status.json"))
        .contains(Dataset.ORDER_STATUS);
    assertThat(Dataset.forFileName("restaurant-part-0001.csv.gz")).contains(Dataset.RESTAURANT);
    assertThat(Dataset.forFileName("Consumer.CSV")).contains(Dataset.CONSUMER);
    assertThat(Dataset.forFileName("orders_summary.txt")).isEmpty();
    assertThat(Dataset.forFileName("_manifest.json")).isEmpty();
  }

  @Test
  void personalFieldsAreMarked() {
    assertThat(
            Dataset.ORDER.fields().stream()
                .filter(FieldContract::personal)
                .map(FieldContract::name))
        .containsExactlyInAnyOrder("cpf", "customer_name", "delivery_address_external_id");
    assertThat(
            Dataset.CONSUMER.fields().stream()
                .filter(FieldContract::personal)
                .map(FieldContract::name))
        .containsExactlyInAnyOrder("customer_name", "customer_phone_number");
  }
}
